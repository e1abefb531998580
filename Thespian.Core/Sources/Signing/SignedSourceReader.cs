using System.Security.Cryptography;

namespace Thespian.Sources;

/// <summary>A package opened: the source zip inside it, its manifest, and the id of the key that verified it.</summary>
internal sealed record OpenedPackage(byte[] SourceZip, PackageManifest Manifest, string VerifiedKeyId);

/// <summary>
/// Opens signed source packages: reads the layout and the manifest, verifies the signature over the payload with
/// the trusted keys (the key whose id the manifest names first, then the others), and only then decrypts.
/// </summary>
internal static class SignedSourceReader
{
    /// <summary>Verifies and, if it is encrypted, decrypts <paramref name="package"/>.</summary>
    /// <param name="package">The package bytes.</param>
    /// <param name="trustedKeys">The public keys a valid package may be signed by.</param>
    /// <param name="decryptionKey">The AES key, or null when only unencrypted packages are expected.</param>
    /// <exception cref="SignedSourceException">Anything is wrong; the message says what.</exception>
    public static OpenedPackage Open(byte[] package, IReadOnlyList<AsymmetricAlgorithm> trustedKeys, byte[]? decryptionKey)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(trustedKeys);
        var (manifestBytes, payload, signature) = SignedSourceZip.Read(package);
        var manifest = PackageManifestJson.Read(manifestBytes);
        if (!SignatureAlgorithms.IsKnown(manifest.SignatureAlgorithm))
        {
            throw new SignedSourceException(
                $"The package is signed with '{manifest.SignatureAlgorithm}', which this system does not verify; " +
                $"signed sources use {SignatureAlgorithms.EcdsaP256Sha256} or {SignatureAlgorithms.RsaPssSha256}.");
        }

        var verifiedBy = Verify(manifest, payload, signature, trustedKeys);
        if (!manifest.Encrypted)
        {
            return new OpenedPackage(payload, manifest, verifiedBy);
        }

        if (decryptionKey is null)
        {
            throw new SignedSourceException(
                "The package's signature is valid but its payload is encrypted, and no decryption key is configured; " +
                "configure the AES key the package was encrypted with.");
        }

        return new OpenedPackage(PayloadCipher.Decrypt(payload, decryptionKey, manifest.Nonce!, manifest.Tag!), manifest, verifiedBy);
    }

    private static string Verify(PackageManifest manifest, byte[] payload, byte[] signature,
                                 IReadOnlyList<AsymmetricAlgorithm> trustedKeys)
    {
        var candidates = trustedKeys.Select(k => (Key: k, Id: SourceKeys.KeyIdOf(k)))
                                    .OrderBy(k => k.Id == manifest.KeyId ? 0 : 1)
                                    .ToList();
        foreach (var (key, id) in candidates)
        {
            if (SignatureAlgorithms.Verify(key, manifest.SignatureAlgorithm, payload, signature))
            {
                return id;
            }
        }

        var named = manifest.KeyId is null ? "names no key id" : $"names key id '{manifest.KeyId}'";
        var trusted = string.Join(", ", candidates.Select(k => k.Id));
        var knownKey = candidates.Any(k => k.Id == manifest.KeyId);
        throw new SignedSourceException(knownKey
            ? $"The package's {manifest.SignatureAlgorithm} signature does not verify with its key {manifest.KeyId}, which is trusted: " +
              "the payload or the signature has been altered since it was signed. Sign the original source again."
            : $"The package's {manifest.SignatureAlgorithm} signature does not verify with any trusted public key (the package {named}; " +
              $"the trusted keys are {trusted}): it was signed with another key, or it has been altered.");
    }
}
