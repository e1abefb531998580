namespace Thespian.Sources;

/// <summary>
/// The manifest of a signed source package (its <c>thespian-signed-source.json</c> entry): how the payload was
/// signed and, when it is encrypted, the AES-GCM nonce and tag. Not itself signed: every field only tells the
/// reader how to check the payload, so altering one makes the signature or the decryption fail.
/// </summary>
/// <param name="FormatVersion">The package format version (<see cref="PackageManifest.CurrentVersion"/>).</param>
/// <param name="SignatureAlgorithm">One of <see cref="SignatureAlgorithms"/>' names.</param>
/// <param name="KeyId">Which key signed it (by default the signing key's <see cref="SourceKeys.KeyIdOf"/>), or null.</param>
/// <param name="Nonce">The AES-GCM nonce when the payload is encrypted, else null.</param>
/// <param name="Tag">The AES-GCM tag when the payload is encrypted, else null.</param>
internal sealed record PackageManifest(int FormatVersion, string SignatureAlgorithm, string? KeyId, byte[]? Nonce, byte[]? Tag)
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The value of the manifest's "format" field, which marks the JSON as a Thespian package manifest.</summary>
    public const string FormatName = "thespian-signed-source";

    /// <summary>Whether the payload is AES-GCM ciphertext rather than the source zip itself.</summary>
    public bool Encrypted => Nonce is not null;

    /// <summary>A short description for logs and <see cref="ValidatedSource.SourceInfo"/>.</summary>
    public string Describe(string verifiedKeyId) =>
        $"signed ({SignatureAlgorithm}, key {verifiedKeyId}){(Encrypted ? ", encrypted (AES-GCM)" : "")}";
}
