using Microsoft.Extensions.Logging;

namespace Thespian.Sources;

/// <summary>Log records of the ready-made source authorities (event ids 1110-1119), source-generated.</summary>
internal static partial class SourceAuthorityLog
{
    [LoggerMessage(EventId = 1110, Level = LogLevel.Information,
        Message = "Registered as the source authority: {Description}")]
    public static partial void AuthorityRegistered(this ILogger logger, string description);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning,
        Message = "Source authority configuration refused (the previous one, if any, stays in force): {Reason}")]
    public static partial void ConfigurationRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information,
        Message = "Source {SourceHash} accepted: {Detail}")]
    public static partial void SourceAccepted(this ILogger logger, string sourceHash, string detail);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning,
        Message = "Source {SourceHash} rejected: {Reason}")]
    public static partial void SourceRejected(this ILogger logger, string sourceHash, string reason);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning,
        Message = "ValidateSource for {SourceHash} came from {Sender}, not from the actor system; ignored (the authority answers only the system, so that it cannot be used to decrypt sources for others)")]
    public static partial void ValidateFromStranger(this ILogger logger, string sourceHash, ActorAddress sender);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning,
        Message = "Source {SourceHash} accepted WITHOUT ANY CHECK by UnsafeDevelopmentSourceAuthority: it is for development only, never for production; use SignedSourceAuthority there")]
    public static partial void SourceAcceptedUnchecked(this ILogger logger, string sourceHash);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning,
        Message = "UnsafeDevelopmentSourceAuthority is now the source authority: every loaded source will run unchecked. It is for development only, never for production; use SignedSourceAuthority there")]
    public static partial void UnsafeAuthorityRegistered(this ILogger logger);
}
