using Microsoft.Extensions.Logging;

namespace Thespian.Admin.Admin;

/// <summary>The admin's own log records (event ids 3000-3099), source-generated.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Admin fault ({ExceptionType}: {ExceptionMessage}); the admin keeps running")]
    public static partial void AdminLoopFault(this ILogger logger, string exceptionType, string exceptionMessage, Exception exception);
}
