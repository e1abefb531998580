using Microsoft.Extensions.Logging;

namespace Thespian.Multiproc;

/// <summary>The multiproc bases' log records (event ids 2000-2999), source-generated.</summary>
internal static partial class MultiprocLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Refused input from {Remote}: {ViolationType}: {Violation}")]
    public static partial void InputRefused(this ILogger logger, string remote, string violationType,
                                                            string violation);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Refused a control record from {Remote}: {Reason}")]
    public static partial void ControlRefused(this ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Refused a message for {Target} from {Sender}: {Reason}; dead-lettered")]
    public static partial void MessageRefused(this ILogger logger, ActorAddress target, ActorAddress sender, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Admin listening on {Endpoint} (pid {ProcessId})")]
    public static partial void AdminListening(this ILogger logger, string endpoint, int processId);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Actor host {ProcessId} exited unexpectedly (actor {Address})")]
    public static partial void HostDied(this ILogger logger, int processId, ActorAddress? address);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "The admin is shutting down")]
    public static partial void AdminShuttingDown(this ILogger logger);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "The admin (pid {ProcessId}) is gone or closed this host's input; this actor host exits")]
    public static partial void AdminGone(this ILogger logger, int processId);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Actor host {ProcessId} got SIGTERM: its actor is asked to exit, then the host ends")]
    public static partial void HostTerminated(this ILogger logger, int processId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "Could not start an actor host: {Reason}")]
    public static partial void HostStartFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "Actor host fault ({ExceptionType}: {ExceptionMessage}); the host keeps running")]
    public static partial void HostFault(this ILogger logger, string exceptionType, string exceptionMessage, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug,
                   Message = "Actor {Address} ({TypeName}) started in this host in {Milliseconds:0.00} ms (type resolved in {ResolveMs:0.00} ms)")]
    public static partial void ActorRunTimed(this ILogger logger, ActorAddress address, string typeName, double milliseconds, double resolveMs);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning,
                   Message = "{Count} message(s) for {Endpoint} were not delivered ({Reason}); each goes to dead letters, or fails the request it carried")]
    public static partial void Undeliverable(this ILogger logger, int count, string endpoint, string reason);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning,
                   Message = "Listening on {Endpoint}, which other hosts can reach, without a secret or TLS: anyone who reaches the port can talk to this system. Set the capability \"Thespian Secret File\" (or THESPIAN_SECRET_FILE) to a file holding a shared secret, on every process of the system (on multiprocTCPBase, \"Thespian TLS Certificate\" also encrypts the traffic)")]
    public static partial void ExposedWithoutSecret(this ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Connection {Direction} {Remote} {Failure}")]
    public static partial void ConnectionFailed(this ILogger logger, string direction, string remote, string failure);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "Refused a connection from {Remote}: {Reason}")]
    public static partial void ConnectionOverLimit(this ILogger logger, string remote, string reason);
}
