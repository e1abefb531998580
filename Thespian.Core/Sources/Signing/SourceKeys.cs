using System.Security.Cryptography;

namespace Thespian.Sources;

/// <summary>
/// Reads signing and verification keys from PEM text (ECDsa P-256 or RSA, detected from the key itself) and
/// names a key by its key id: the first 16 hex digits of the SHA-256 of its public key (SubjectPublicKeyInfo).
/// </summary>
internal static class SourceKeys
{
    private static readonly string[] PrivateLabels = ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];

    /// <summary>The key id of a key (public or private: only its public part counts).</summary>
    public static string KeyIdOf(AsymmetricAlgorithm key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    /// <summary>The one private key in <paramref name="pem"/>.</summary>
    /// <exception cref="SignedSourceException">No private key, more than one, a password-protected or unsupported one.</exception>
    public static AsymmetricAlgorithm ReadPrivateKey(string pem)
    {
        var blocks = Blocks(pem);
        var keys = blocks.Where(b => PrivateLabels.Contains(b.Label)).ToList();
        if (keys.Count != 1)
        {
            var found = blocks.Count == 0 ? "no PEM block" : "PEM blocks " + string.Join(", ", blocks.Select(b => $"'{b.Label}'"));
            throw new SignedSourceException(keys.Count == 0
                ? $"The signing key text holds no private key ({found}); sign with the private key ('private.pem' of 'thespian-admin keygen')."
                : "The signing key text holds more than one private key; give exactly one.");
        }

        var (label, der) = keys[0];
        return label switch
        {
            "ENCRYPTED PRIVATE KEY" => throw new SignedSourceException(
                "The signing key is password-protected (ENCRYPTED PRIVATE KEY), which is not supported; export it without a " +
                "password and keep the file private, or make a key with 'thespian-admin keygen'."),
            "EC PRIVATE KEY" => Import(ECDsa.Create(), k => k.ImportECPrivateKey(der, out _), label),
            "RSA PRIVATE KEY" => Import(RSA.Create(), k => k.ImportRSAPrivateKey(der, out _), label),
            _ => (AsymmetricAlgorithm?)TryImport(ECDsa.Create(), k => k.ImportPkcs8PrivateKey(der, out _))
                 ?? Import(RSA.Create(), k => k.ImportPkcs8PrivateKey(der, out _), label),
        };
    }

    /// <summary>Every public key in <paramref name="pem"/> (several, to accept packages signed by an old key and a new one).</summary>
    /// <exception cref="SignedSourceException">No public key, a private key (the authority must never hold one), or an unsupported key.</exception>
    public static IReadOnlyList<AsymmetricAlgorithm> ReadPublicKeys(string pem)
    {
        var blocks = Blocks(pem);
        if (blocks.Any(b => PrivateLabels.Contains(b.Label)))
        {
            throw new SignedSourceException(
                "The public key text holds a private key. Give the source authority only the public key ('public.pem' of " +
                "'thespian-admin keygen'); the private key stays with whoever signs sources.");
        }

        var keys = blocks.Where(b => b.Label is "PUBLIC KEY" or "RSA PUBLIC KEY")
                         .Select(b => b.Label == "RSA PUBLIC KEY"
                             ? Import(RSA.Create(), k => k.ImportRSAPublicKey(b.Der, out _), b.Label)
                             : (AsymmetricAlgorithm?)TryImport(ECDsa.Create(), k => k.ImportSubjectPublicKeyInfo(b.Der, out _))
                               ?? Import(RSA.Create(), k => k.ImportSubjectPublicKeyInfo(b.Der, out _), b.Label))
                         .ToList();
        if (keys.Count == 0)
        {
            throw new SignedSourceException(
                "The public key text holds no '-----BEGIN PUBLIC KEY-----' block; give the PEM text of 'public.pem' " +
                "(made by 'thespian-admin keygen').");
        }

        return keys;
    }

    private static List<(string Label, byte[] Der)> Blocks(string pem)
    {
        var blocks = new List<(string, byte[])>();

        // PEM texts joined without a line break between them ("...-----END X----------BEGIN Y-----...") still count.
        var rest = pem.Replace("----------", "-----\n-----", StringComparison.Ordinal).AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            blocks.Add((rest[fields.Label].ToString(), Convert.FromBase64String(rest[fields.Base64Data].ToString())));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }

    private static TKey? TryImport<TKey>(TKey key, Action<TKey> import)
        where TKey : AsymmetricAlgorithm
    {
        try
        {
            import(key);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    private static TKey Import<TKey>(TKey key, Action<TKey> import, string label)
        where TKey : AsymmetricAlgorithm =>
        TryImport(key, import) ?? throw new SignedSourceException(
            $"The '{label}' PEM block is not an ECDsa or RSA key this system can read; signed sources use ECDsa P-256 or " +
            "RSA keys (make them with 'thespian-admin keygen').");
}
