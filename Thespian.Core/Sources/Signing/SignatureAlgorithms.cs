using System.Security.Cryptography;

namespace Thespian.Sources;

/// <summary>
/// The signatures a package may carry, named as its manifest names them: ECDSA on curve P-256 with SHA-256
/// (DER-encoded, as OpenSSL writes it) and RSA-PSS with SHA-256 (salt of 32 bytes; keys of 2048 bits or more).
/// </summary>
internal static class SignatureAlgorithms
{
    /// <summary>ECDSA, curve P-256, SHA-256, DER (RFC 3279) signature encoding.</summary>
    public const string EcdsaP256Sha256 = "ECDsa-P256-SHA256";

    /// <summary>RSA-PSS with SHA-256 (MGF1 SHA-256, salt length 32).</summary>
    public const string RsaPssSha256 = "RSA-PSS-SHA256";

    private const int MinimumRsaBits = 2048;

    /// <summary>The algorithm a key signs with.</summary>
    /// <exception cref="SignedSourceException">The key is neither ECDsa P-256 nor RSA of 2048 bits or more.</exception>
    public static string For(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ecdsa when IsP256(ecdsa) => EcdsaP256Sha256,
        ECDsa ecdsa => throw new SignedSourceException(
            $"The ECDsa key is on curve {CurveName(ecdsa)}; signed sources use curve P-256 (nistP256, prime256v1)."),
        RSA { KeySize: >= MinimumRsaBits } => RsaPssSha256,
        RSA rsa => throw new SignedSourceException(
            $"The RSA key has {rsa.KeySize} bits; signed sources need {MinimumRsaBits} bits or more."),
        _ => throw new SignedSourceException(
            $"A {key.GetType().Name} key cannot sign sources; use an ECDsa P-256 or RSA key."),
    };

    /// <summary>Signs <paramref name="data"/>.</summary>
    public static byte[] Sign(AsymmetricAlgorithm key, byte[] data) => For(key) switch
    {
        EcdsaP256Sha256 => ((ECDsa)key).SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
        _ => ((RSA)key).SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
    };

    /// <summary>Whether <paramref name="signature"/> is <paramref name="key"/>'s signature of <paramref name="data"/> by <paramref name="algorithm"/>.</summary>
    public static bool Verify(AsymmetricAlgorithm key, string algorithm, byte[] data, byte[] signature)
    {
        try
        {
            return (algorithm, key) switch
            {
                (EcdsaP256Sha256, ECDsa ecdsa) when IsP256(ecdsa) =>
                    ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
                (RsaPssSha256, RSA rsa) when rsa.KeySize >= MinimumRsaBits =>
                    rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Whether the manifest names an algorithm this code knows.</summary>
    public static bool IsKnown(string algorithm) => algorithm is EcdsaP256Sha256 or RsaPssSha256;

    private static bool IsP256(ECDsa key) =>
        key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value;

    private static string CurveName(ECDsa key)
    {
        var oid = key.ExportParameters(includePrivateParameters: false).Curve.Oid;
        return oid.FriendlyName ?? oid.Value ?? "(unnamed)";
    }
}
