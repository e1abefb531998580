namespace Thespian;

/// <summary>
/// Sent to the registered source authority with the bytes given to <c>LoadActorSource</c>; the
/// authority answers with a <see cref="ValidatedSource"/>. Python name: <c>ValidateSource</c>.
/// </summary>
public sealed class ValidateSource : ActorSystemMessage
{
    /// <summary>Creates the validation request.</summary>
    /// <param name="sourceHash">The hash of the loaded bytes (SHA-256, hex).</param>
    /// <param name="sourceData">The bytes as given to <c>LoadActorSource</c>.</param>
    /// <param name="sourceInfo">Optional information about the source.</param>
    public ValidateSource(string sourceHash, byte[] sourceData, string? sourceInfo = null)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        ArgumentNullException.ThrowIfNull(sourceData);
        SourceHash = sourceHash;
        SourceData = sourceData;
        SourceInfo = sourceInfo;
    }

    /// <summary>The hash that names this source (SHA-256 of the bytes given, hex).</summary>
    public string SourceHash { get; }

    /// <summary>The bytes given to <c>LoadActorSource</c> (possibly signed or encrypted).</summary>
    public byte[] SourceData { get; }

    /// <summary>Optional information about the source.</summary>
    public string? SourceInfo { get; }
}
