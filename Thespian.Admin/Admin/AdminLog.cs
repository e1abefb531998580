using Microsoft.Extensions.Logging;

namespace Thespian.Admin.Admin;

/// <summary>The admin's own log records (event ids 3000-3099), source-generated.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Admin fault ({ExceptionType}: {ExceptionMessage}); the admin keeps running")]
    public static partial void AdminLoopFault(this ILogger logger, string exceptionType, string exceptionMessage, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Shutdown: {Phase} after {Milliseconds} ms")]
    public static partial void ShutdownPhase(this ILogger logger, string phase, long milliseconds);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "The admin process exits")]
    public static partial void AdminExiting(this ILogger logger);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug,
                   Message = "Actor {Address} started in host {ProcessId}: host acquired after {AcquireMs:0.00} ms, run in {RunMs:0.00} ms, answered after {TotalMs:0.00} ms")]
    public static partial void ActorStartTimed(this ILogger logger, ActorAddress address, int processId, double acquireMs, double runMs,
                                               double totalMs);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning,
                   Message = "The application's files ({DepsFile} and its runtimeconfig) are missing or not framework-dependent; " +
                             "actor hosts run with Thespian.Admin's own dependencies and runtime settings")]
    public static partial void ApplicationFilesUnusable(this ILogger logger, string depsFile);
}
