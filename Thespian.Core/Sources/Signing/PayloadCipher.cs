using System.Security.Cryptography;

namespace Thespian.Sources;

/// <summary>AES-GCM encryption of a package's payload: a fresh 96-bit nonce per package and a 128-bit tag.</summary>
internal static class PayloadCipher
{
    /// <summary>The name the manifest records.</summary>
    public const string AlgorithmName = "AES-GCM";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Encrypts <paramref name="plain"/>.</summary>
    /// <exception cref="SignedSourceException">The key is not an AES key.</exception>
    public static (byte[] Cipher, byte[] Nonce, byte[] Tag) Encrypt(byte[] plain, byte[] key)
    {
        RequireKey(key);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var cipher = new byte[plain.Length];
        var tag = new byte[TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, cipher, tag);
        return (cipher, nonce, tag);
    }

    /// <summary>Decrypts a payload whose signature has been verified.</summary>
    /// <exception cref="SignedSourceException">The key is not an AES key, the nonce or tag is malformed, or the key is not the one it was encrypted with.</exception>
    public static byte[] Decrypt(byte[] cipher, byte[] key, byte[] nonce, byte[] tag)
    {
        RequireKey(key);
        if (nonce.Length != NonceBytes || tag.Length != TagBytes)
        {
            throw new SignedSourceException(
                $"The package manifest's AES-GCM nonce ({nonce.Length} bytes) or tag ({tag.Length} bytes) has the wrong size " +
                $"(expected {NonceBytes} and {TagBytes}); the package was not made by 'thespian-admin sign' or SignedSourcePackage.Create.");
        }

        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(nonce, cipher, tag, plain);
            return plain;
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new SignedSourceException(
                "The payload does not decrypt with the configured AES key: the package was encrypted with another key " +
                "(its signature is valid, so the payload itself is intact). Configure the key the package was signed with " +
                "(--encrypt-key of 'thespian-admin sign').", ex);
        }
    }

    /// <summary>Fails unless <paramref name="key"/> is 128, 192 or 256 bits.</summary>
    /// <exception cref="SignedSourceException">It is not.</exception>
    public static void RequireKey(byte[] key)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new SignedSourceException(
                $"An AES key is 16, 24 or 32 bytes (128, 192 or 256 bits); the key given has {key.Length} bytes. " +
                "Make one with 'thespian-admin keygen --encryption'.");
        }
    }
}
