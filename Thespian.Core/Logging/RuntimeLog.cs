using Microsoft.Extensions.Logging;

namespace Thespian.Runtime;

/// <summary>The runtime's log records (event ids 1000-1999), source-generated.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
        Message = "Actor {Address} failed handling {MessageType} ({ExceptionType}: {ExceptionMessage}); retrying once")]
    public static partial void MessageFailedRetrying(this ILogger logger, ActorAddress address, string messageType,
                                                     string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error,
        Message = "Actor {Address} failed handling {MessageType} twice; returned it to {Sender} as PoisonMessage: {Details}")]
    public static partial void MessagePoisoned(this ILogger logger, ActorAddress address, string messageType,
                                               ActorAddress sender, string details, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Actor {Address} threw while handling ActorExitRequest ({ExceptionType}: {ExceptionMessage}); it exits anyway")]
    public static partial void ExitHandlerFailed(this ILogger logger, ActorAddress address, string exceptionType,
                                                 string exceptionMessage);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error,
        Message = "Actor {ActorType} could not start: its constructor threw {ExceptionType}: {ExceptionMessage}; messages to {Address} become dead letters")]
    public static partial void ActorStartFailed(this ILogger logger, string actorType, ActorAddress address,
                                                string exceptionType, string exceptionMessage, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information,
        Message = "Dead letter: {MessageType} to {Address} from {Sender} dropped; no actor handles dead letters")]
    public static partial void DeadLetterDropped(this ILogger logger, string messageType, ActorAddress address,
                                                 ActorAddress sender);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug,
        Message = "Message {MessageType} to the external endpoint {Address} dropped: system messages other than PoisonMessage and status are not returned to Ask/Listen")]
    public static partial void EndpointDroppedSystemMessage(this ILogger logger, string messageType, ActorAddress address);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug,
        Message = "The system does not handle {MessageType} sent to its own address by {Sender}; ignored")]
    public static partial void SystemIgnoredMessage(this ILogger logger, string messageType, ActorAddress sender);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "{Operation} is not supported by {BaseName} (it has no conventions); ignored")]
    public static partial void ConventionsNotSupported(this ILogger logger, string operation, string baseName);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information,
        Message = "Source {SourceHash} loaded while no source authority is registered; ignored (register one with RegisterSourceAuthority)")]
    public static partial void SourceIgnoredNoAuthority(this ILogger logger, string sourceHash);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "Source {SourceHash} was rejected by the source authority {Authority}; it cannot be used")]
    public static partial void SourceRejected(this ILogger logger, string sourceHash, ActorAddress authority);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning,
        Message = "ValidatedSource for {SourceHash} came from {Sender}, which is not the registered source authority; ignored")]
    public static partial void ValidatedSourceFromStranger(this ILogger logger, string sourceHash, ActorAddress sender);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug,
        Message = "Undeliverable {MessageType} for {Address} dropped: nobody is left to receive it")]
    public static partial void NoticeDropped(this ILogger logger, string messageType, ActorAddress address);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error,
        Message = "Actor {Address}'s InitDone method {Method} threw {ExceptionType}: {ExceptionMessage}; its held messages are delivered anyway")]
    public static partial void InitDoneFailed(this ILogger logger, ActorAddress address, string method, string exceptionType,
                                              string exceptionMessage);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information,
        Message = "Troupe {Troupe}: {MessageType} from {Sender} goes to another worker; {Worker} held it and {Why}")]
    public static partial void TroupeWorkRequeued(this ILogger logger, ActorAddress troupe, string messageType, ActorAddress sender,
                                                  ActorAddress worker, string why);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning,
        Message = "Troupe {Troupe}: {MessageType} from {Sender} was lost by {Count} workers in turn (last {Worker}: {Why}); it is a dead letter")]
    public static partial void TroupeWorkAbandoned(this ILogger logger, ActorAddress troupe, string messageType, ActorAddress sender,
                                                   int count, ActorAddress worker, string why);
}
