using Microsoft.Extensions.Logging;

namespace Thespian.Commands;

/// <summary>The <see cref="RunCommand"/> actor's log records (event ids 1200-1299), source-generated.</summary>
internal static partial class CommandRunLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "{Line}")]
    public static partial void CommandInformation(this ILogger logger, string line);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "{Line}")]
    public static partial void CommandError(this ILogger logger, string line);
}
