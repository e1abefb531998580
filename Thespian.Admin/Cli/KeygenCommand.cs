using System.CommandLine;
using System.Security.Cryptography;
using Thespian.Sources;

namespace Thespian.Admin.Cli;

/// <summary>
/// <c>thespian-admin keygen --out DIR [--algorithm ecdsa|rsa] [--encryption]</c>: makes the keys for signed
/// sources: private.pem (to sign), public.pem (for the SignedSourceAuthority) and, with --encryption, an AES-256
/// key file. Never replaces an existing file. Talks to no admin.
/// </summary>
internal static class KeygenCommand
{
    private const int RsaBits = 3072;

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "The folder to write the key files to (created if missing; existing key files are never replaced).",
            HelpName = "DIR",
            Required = true,
        };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = $"The signing key: ecdsa (P-256) or rsa ({RsaBits} bits).",
            HelpName = "ecdsa|rsa",
            DefaultValueFactory = _ => "ecdsa",
        };
        algorithm.AcceptOnlyFromAmong("ecdsa", "rsa");
        var encryption = new Option<bool>("--encryption")
        {
            Description = $"Also write {KeyFiles.EncryptionKey}, a random AES-256 key (base64) for 'sign --encrypt-key' and the authority.",
        };
        var command = new Command("keygen",
            $"Makes a key pair for signed sources in a folder: {KeyFiles.PrivateKey} (signs packages: keep it secret) and " +
            $"{KeyFiles.PublicKey} (configures SignedSourceAuthority), and with --encryption an AES key. Talks to no admin.");
        command.Options.Add(output);
        command.Options.Add(algorithm);
        command.Options.Add(encryption);
        Verb.SetBody(command, async (parseResult, writer, cancellationToken) =>
        {
            var folder = parseResult.GetRequiredValue(output);
            var withEncryption = parseResult.GetValue(encryption);
            var files = new[] { KeyFiles.PrivateKey, KeyFiles.PublicKey }
                .Concat(withEncryption ? [KeyFiles.EncryptionKey] : [])
                .Select(name => Path.Combine(folder, name))
                .ToList();
            RequireNew(files, folder);

            using AsymmetricAlgorithm key = parseResult.GetValue(algorithm) == "rsa"
                ? RSA.Create(RsaBits)
                : ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await KeyFiles.WriteNewAsync(files[0], key.ExportPkcs8PrivateKeyPem() + "\n", secret: true, cancellationToken).ConfigureAwait(false);
            await KeyFiles.WriteNewAsync(files[1], key.ExportSubjectPublicKeyInfoPem() + "\n", secret: false, cancellationToken).ConfigureAwait(false);
            var keyId = SourceKeys.KeyIdOf(key);
            await Verb.WriteLineAsync(writer, $"Wrote {files[0]} ({SignatureAlgorithms.For(key)} private key: keep it secret; sign with it).").ConfigureAwait(false);
            await Verb.WriteLineAsync(writer, $"Wrote {files[1]} (key id {keyId}: configure SignedSourceAuthority with it).").ConfigureAwait(false);
            if (withEncryption)
            {
                await KeyFiles.WriteNewAsync(files[2], Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n", secret: true,
                                             cancellationToken).ConfigureAwait(false);
                await Verb.WriteLineAsync(writer,
                    $"Wrote {files[2]} (AES-256 key, base64: keep it secret; give it to 'sign --encrypt-key' and to the authority).").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void RequireNew(List<string> files, string folder)
    {
        if (File.Exists(folder))
        {
            throw CliException.BadArguments($"--out '{folder}' is a file; give a folder for the key files.");
        }

        var existing = files.FirstOrDefault(File.Exists);
        if (existing is not null)
        {
            throw CliException.BadArguments($"'{existing}' already exists and keygen never replaces a key; choose another --out folder.");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadArguments($"Cannot create the folder '{folder}': {ex.Message}");
        }
    }
}
