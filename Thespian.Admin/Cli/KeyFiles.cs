using Thespian.Sources;

namespace Thespian.Admin.Cli;

/// <summary>The key files of <c>keygen</c> and <c>sign</c>: secret files readable by their owner only, and the base64 AES key file.</summary>
internal static class KeyFiles
{
    /// <summary>The name of the private key file.</summary>
    public const string PrivateKey = "private.pem";

    /// <summary>The name of the public key file.</summary>
    public const string PublicKey = "public.pem";

    /// <summary>The name of the AES key file.</summary>
    public const string EncryptionKey = "encryption.key";

    /// <summary>Writes a new file; a secret one is created readable and writable by its owner only (Unix).</summary>
    /// <exception cref="IOException">It exists already (it is never replaced), or cannot be written.</exception>
    public static async Task WriteNewAsync(string path, string text, bool secret, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var stream = new FileStream(path, options);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The AES key in a key file's base64 text.</summary>
    /// <exception cref="CliException">It is not base64 of a 128, 192 or 256-bit key (exit code 2).</exception>
    public static byte[] ReadAesKey(string path, string text)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            PayloadCipher.RequireKey(key);
            return key;
        }
        catch (FormatException)
        {
            throw CliException.BadArguments(
                $"The encryption key file '{path}' is not base64 text; use the {EncryptionKey} that 'thespian-admin keygen --encryption' writes.");
        }
        catch (SignedSourceException ex)
        {
            throw CliException.BadArguments($"The encryption key file '{path}' cannot be used: {ex.Message}");
        }
    }
}
