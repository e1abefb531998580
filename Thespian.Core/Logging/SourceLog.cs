using Microsoft.Extensions.Logging;

namespace Thespian.Runtime;

/// <summary>Log records about loaded sources (event ids 1100-1199), source-generated.</summary>
internal static partial class SourceLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Error,
        Message = "Source {SourceHash} was validated but cannot be used: {Reason} Nothing can be created from it; fix the zip and load it again")]
    public static partial void SourceUnusable(this ILogger logger, string sourceHash, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Source {SourceHash} is loaded ({Bytes} bytes validated)")]
    public static partial void SourceLoaded(this ILogger logger, string sourceHash, int bytes);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Source {SourceHash} is unloaded: no new actors from it{Detail}")]
    public static partial void SourceUnloading(this ILogger logger, string sourceHash, string detail);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information,
        Message = "Source {SourceHash}: its last actor has stopped and its load context has been unloaded")]
    public static partial void SourceContextUnloaded(this ILogger logger, string sourceHash);
}
