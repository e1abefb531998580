namespace Thespian;

/// <summary>
/// The source authority's answer to a <see cref="ValidateSource"/>: the validated (decrypted) zip of
/// assemblies, or null to reject the source. Python name: <c>ValidatedSource</c>.
/// </summary>
public sealed class ValidatedSource : ActorSystemMessage
{
    /// <summary>Creates the answer.</summary>
    /// <param name="sourceHash">The hash from the <see cref="ValidateSource"/> being answered.</param>
    /// <param name="sourceZip">The zip of assemblies to load, or null to reject the source.</param>
    /// <param name="sourceInfo">Optional information about the source.</param>
    public ValidatedSource(string sourceHash, byte[]? sourceZip, string? sourceInfo = null)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        SourceHash = sourceHash;
        SourceZip = sourceZip;
        SourceInfo = sourceInfo;
    }

    /// <summary>The hash of the source this answers for.</summary>
    public string SourceHash { get; }

    /// <summary>The zip of assemblies that may run, or null when the source is rejected.</summary>
    public byte[]? SourceZip { get; }

    /// <summary>Optional information about the source.</summary>
    public string? SourceInfo { get; }
}
