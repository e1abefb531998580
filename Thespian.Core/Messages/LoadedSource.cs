namespace Thespian;

/// <summary>
/// Tells an actor registered with <c>NotifyOnSourceAvailability</c> that a validated source became available for <c>CreateActor</c>.
/// Python name: <c>LoadedSource</c>.
/// </summary>
public sealed class LoadedSource : ActorSystemMessage
{
    /// <summary>Creates the notification.</summary>
    /// <param name="sourceHash">The hash of the source.</param>
    /// <param name="sourceInfo">Optional information about the source.</param>
    public LoadedSource(string sourceHash, string? sourceInfo = null)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        SourceHash = sourceHash;
        SourceInfo = sourceInfo;
    }

    /// <summary>The hash of the source.</summary>
    public string SourceHash { get; }

    /// <summary>Optional information about the source.</summary>
    public string? SourceInfo { get; }
}
