namespace Thespian;

/// <summary>
/// Tells an actor registered with <c>NotifyOnSourceAvailability</c> that a source was unloaded: no new actors can be created from it.
/// Python name: <c>UnloadedSource</c>.
/// </summary>
public sealed class UnloadedSource : ActorSystemMessage
{
    /// <summary>Creates the notification.</summary>
    /// <param name="sourceHash">The hash of the source.</param>
    /// <param name="sourceInfo">Optional information about the source.</param>
    public UnloadedSource(string sourceHash, string? sourceInfo = null)
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
