using System.Security.Cryptography;

namespace Thespian.Sources;

/// <summary>
/// The keys a <see cref="SignedSourceAuthority"/> works with, read once from a <see cref="ConfigureSourceAuthority"/>:
/// the trusted public keys and the optional AES key.
/// </summary>
internal sealed class AuthorityKeys : IDisposable
{
    private readonly AsymmetricAlgorithm[] _publicKeys;

    private AuthorityKeys(AsymmetricAlgorithm[] publicKeys, byte[]? decryptionKey)
    {
        _publicKeys = publicKeys;
        DecryptionKey = decryptionKey;
    }

    /// <summary>The public keys packages may be signed by.</summary>
    public IReadOnlyList<AsymmetricAlgorithm> PublicKeys => _publicKeys;

    /// <summary>The AES key for encrypted packages, or null.</summary>
    public byte[]? DecryptionKey { get; }

    /// <summary>What this configuration accepts, for <see cref="SourceAuthorityReady"/> and the log.</summary>
    public string Description
    {
        get
        {
            var keys = string.Join(", ", _publicKeys.Select(k => $"{SourceKeys.KeyIdOf(k)} ({SignatureAlgorithms.For(k)})"));
            var decryption = DecryptionKey is null
                ? "encrypted packages are rejected (no decryption key)"
                : $"encrypted packages are decrypted with a {DecryptionKey.Length * 8}-bit AES key";
            return $"{nameof(SignedSourceAuthority)} accepts packages signed by {(_publicKeys.Length == 1 ? "the key" : "any of the keys")} {keys}; {decryption}";
        }
    }

    /// <summary>Reads a configuration.</summary>
    /// <exception cref="SignedSourceException">A key is missing, unreadable, private, unsupported, or the AES key is not base64 of the right size.</exception>
    public static AuthorityKeys From(ConfigureSourceAuthority configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration.PublicKeyPem))
        {
            throw new SignedSourceException(
                "The configuration has no public key; give the PEM text of the public key(s) packages are signed with.");
        }

        var decryptionKey = configuration.DecryptionKeyBase64 is { } text ? DecodeAesKey(text) : null;
        var keys = SourceKeys.ReadPublicKeys(configuration.PublicKeyPem).ToArray();
        try
        {
            foreach (var key in keys)
            {
                _ = SignatureAlgorithms.For(key);
            }
        }
        catch (SignedSourceException)
        {
            Array.ForEach(keys, k => k.Dispose());
            throw;
        }

        return new AuthorityKeys(keys, decryptionKey);
    }

    /// <inheritdoc />
    public void Dispose() => Array.ForEach(_publicKeys, k => k.Dispose());

    private static byte[] DecodeAesKey(string base64)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException ex)
        {
            throw new SignedSourceException(
                "The decryption key is not base64 text; give the content of the key file 'thespian-admin keygen --encryption' writes.", ex);
        }

        PayloadCipher.RequireKey(key);
        return key;
    }
}
