using System.Security.Cryptography;
using Thespian.Sources;

namespace Thespian;

/// <summary>
/// Signed source packages: what to give <see cref="ActorSystem.LoadActorSource(Stream)"/> when a
/// <see cref="SignedSourceAuthority"/> guards the system. A package is a zip of three entries:
/// <c>payload.bin</c> (the source zip, or its AES-GCM encryption), <c>payload.sig</c> (a detached
/// signature over the bytes of <c>payload.bin</c>: ECDSA P-256 with SHA-256 in DER encoding, or RSA-PSS with
/// SHA-256) and <c>thespian-signed-source.json</c> (format version, signature algorithm, key id, and the
/// nonce and tag when encrypted). The signature is checked before anything is decrypted.
/// </summary>
public static class SignedSourcePackage
{
    /// <summary>The manifest's name for ECDSA on curve P-256 with SHA-256.</summary>
    public const string EcdsaP256Sha256 = SignatureAlgorithms.EcdsaP256Sha256;

    /// <summary>The manifest's name for RSA-PSS with SHA-256.</summary>
    public const string RsaPssSha256 = SignatureAlgorithms.RsaPssSha256;

    /// <summary>Signs (and optionally encrypts) a source zip with a private key given as PEM text.</summary>
    /// <param name="sourceZip">The source: a zip of actor assemblies.</param>
    /// <param name="privateKeyPem">An ECDsa P-256 or RSA (2048 bits or more) private key in PEM (PKCS#8, SEC1 or PKCS#1).</param>
    /// <param name="encryptionKey">An AES key (16, 24 or 32 bytes) to encrypt the source with, or null to sign only.</param>
    /// <param name="keyId">The key id the manifest records; null records the signing key's own id (a hash of its public key).</param>
    /// <returns>The package's bytes.</returns>
    /// <exception cref="SignedSourceException">The key is not a usable private key, or the AES key has the wrong size.</exception>
    public static byte[] Create(byte[] sourceZip, string privateKeyPem, byte[]? encryptionKey = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        using var key = SourceKeys.ReadPrivateKey(privateKeyPem);
        return Create(sourceZip, key, encryptionKey, keyId);
    }

    /// <summary>Signs (and optionally encrypts) a source zip with a private key.</summary>
    /// <param name="sourceZip">The source: a zip of actor assemblies.</param>
    /// <param name="signingKey">An <see cref="ECDsa"/> P-256 or <see cref="RSA"/> (2048 bits or more) key with its private part.</param>
    /// <param name="encryptionKey">An AES key (16, 24 or 32 bytes) to encrypt the source with, or null to sign only.</param>
    /// <param name="keyId">The key id the manifest records; null records the signing key's own id (a hash of its public key).</param>
    /// <returns>The package's bytes.</returns>
    /// <exception cref="SignedSourceException">The key cannot sign sources, or the AES key has the wrong size.</exception>
    public static byte[] Create(byte[] sourceZip, AsymmetricAlgorithm signingKey, byte[]? encryptionKey = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(sourceZip);
        ArgumentNullException.ThrowIfNull(signingKey);
        var algorithm = SignatureAlgorithms.For(signingKey);
        var id = keyId ?? SourceKeys.KeyIdOf(signingKey);
        var (payload, manifest) = encryptionKey is null
            ? (sourceZip, new PackageManifest(PackageManifest.CurrentVersion, algorithm, id, null, null))
            : Encrypted(sourceZip, encryptionKey, algorithm, id);
        byte[] signature;
        try
        {
            signature = SignatureAlgorithms.Sign(signingKey, payload);
        }
        catch (CryptographicException ex)
        {
            throw new SignedSourceException($"The key cannot sign ({ex.Message}); sign with a private key, not a public one.", ex);
        }

        return SignedSourceZip.Write(PackageManifestJson.Write(manifest), payload, signature);
    }

    /// <summary>Verifies a package against public keys given as PEM text and returns the source zip inside it.</summary>
    /// <param name="package">The package's bytes.</param>
    /// <param name="publicKeyPem">One or more public keys in PEM ("PUBLIC KEY" or "RSA PUBLIC KEY" blocks); a package signed by any of them is accepted.</param>
    /// <param name="decryptionKey">The AES key when the package is encrypted, else null.</param>
    /// <returns>The source zip (decrypted when the package is encrypted).</returns>
    /// <exception cref="SignedSourceException">The package, the keys or the signature are not valid; the message says which.</exception>
    public static byte[] Open(byte[] package, string publicKeyPem, byte[]? decryptionKey = null)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        var keys = SourceKeys.ReadPublicKeys(publicKeyPem);
        try
        {
            return SignedSourceReader.Open(package, keys, decryptionKey).SourceZip;
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Verifies a package against a public key and returns the source zip inside it.</summary>
    /// <param name="package">The package's bytes.</param>
    /// <param name="verificationKey">The <see cref="ECDsa"/> or <see cref="RSA"/> key the package must be signed by (its public part is used).</param>
    /// <param name="decryptionKey">The AES key when the package is encrypted, else null.</param>
    /// <returns>The source zip (decrypted when the package is encrypted).</returns>
    /// <exception cref="SignedSourceException">The package or its signature is not valid; the message says which.</exception>
    public static byte[] Open(byte[] package, AsymmetricAlgorithm verificationKey, byte[]? decryptionKey = null)
    {
        ArgumentNullException.ThrowIfNull(verificationKey);
        return SignedSourceReader.Open(package, [verificationKey], decryptionKey).SourceZip;
    }

    private static (byte[] Payload, PackageManifest Manifest) Encrypted(byte[] sourceZip, byte[] encryptionKey, string algorithm, string keyId)
    {
        var (cipher, nonce, tag) = PayloadCipher.Encrypt(sourceZip, encryptionKey);
        return (cipher, new PackageManifest(PackageManifest.CurrentVersion, algorithm, keyId, nonce, tag));
    }
}
