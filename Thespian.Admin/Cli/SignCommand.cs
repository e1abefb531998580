using System.CommandLine;
using System.IO.Compression;
using System.Security.Cryptography;
using Thespian.Sources;

namespace Thespian.Admin.Cli;

/// <summary>
/// <c>thespian-admin sign --key PRIVATE.pem [--encrypt-key KEYFILE] [--key-id ID] --out OUT.zip SOURCE.zip</c>:
/// makes a signed source package (see <see cref="SignedSourcePackage"/>) for a <see cref="SignedSourceAuthority"/>.
/// Talks to no admin.
/// </summary>
internal static class SignCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var key = new Option<string>("--key")
        {
            Description = "The private key to sign with (PEM: 'private.pem' of 'thespian-admin keygen', ECDsa P-256 or RSA).",
            HelpName = "PRIVATE.pem",
            Required = true,
        };
        var encryptKey = new Option<string?>("--encrypt-key")
        {
            Description = "Also encrypt the source (AES-GCM) with this key file (base64, as 'keygen --encryption' writes it).",
            HelpName = "KEYFILE",
        };
        var keyId = new Option<string?>("--key-id")
        {
            Description = "The key id the package records. [default: the id of the signing key, which 'keygen' prints]",
            HelpName = "ID",
        };
        var output = new Option<string>("--out")
        {
            Description = "The signed package to write (replaced if it exists); load it with 'thespian-admin load' or LoadActorSource.",
            HelpName = "OUT.zip",
            Required = true,
        };
        var source = new Argument<string>("source")
        {
            Description = "The actor source to sign: a zip of actor assemblies.",
            HelpName = "SOURCE.zip",
        };
        var command = new Command("sign",
            "Signs (and with --encrypt-key encrypts) an actor source zip into a signed source package, which a system whose " +
            "source authority is SignedSourceAuthority accepts. Talks to no admin.");
        command.Options.Add(key);
        command.Options.Add(encryptKey);
        command.Options.Add(keyId);
        command.Options.Add(output);
        command.Arguments.Add(source);
        Verb.SetBody(command, async (parseResult, writer, cancellationToken) =>
        {
            var sourcePath = parseResult.GetRequiredValue(source);
            var zip = await ReadSourceAsync(sourcePath, cancellationToken).ConfigureAwait(false);
            var keyPath = parseResult.GetRequiredValue(key);
            using var signingKey = ReadSigningKey(keyPath, await InputFiles.ReadTextAsync(keyPath, "the signing key", cancellationToken)
                                                                          .ConfigureAwait(false));
            var aesKey = parseResult.GetValue(encryptKey) is { } aesPath
                ? KeyFiles.ReadAesKey(aesPath, await InputFiles.ReadTextAsync(aesPath, "the encryption key file", cancellationToken)
                                                              .ConfigureAwait(false))
                : null;
            var outPath = parseResult.GetRequiredValue(output);
            RequireFolderOf(outPath);

            var package = SignedSourcePackage.Create(zip, signingKey, aesKey, parseResult.GetValue(keyId));
            await File.WriteAllBytesAsync(outPath, package, cancellationToken).ConfigureAwait(false);
            await Verb.WriteLineAsync(writer,
                $"Signed '{sourcePath}' into '{outPath}' ({SignatureAlgorithms.For(signingKey)}, key id " +
                $"{parseResult.GetValue(keyId) ?? SourceKeys.KeyIdOf(signingKey)}{(aesKey is null ? "" : ", encrypted with AES-GCM")}); " +
                $"its source hash is {Convert.ToHexStringLower(SHA256.HashData(package))}.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The source zip, once it is known to be an actor source and not a package already.</summary>
    private static async Task<byte[]> ReadSourceAsync(string path, CancellationToken cancellationToken)
    {
        var zip = await InputFiles.ReadZipAsync(path, "the actor source zip", cancellationToken).ConfigureAwait(false);
        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            if (archive.GetEntry(SignedSourceZip.ManifestEntry) is not null)
            {
                throw CliException.BadArguments($"'{path}' is already a signed source package; sign the actor source zip itself.");
            }
        }

        try
        {
            _ = SourceZipReader.Read(zip);
        }
        catch (InvalidActorSourceException ex)
        {
            throw CliException.BadArguments($"'{path}' is not an actor source: {ex.Message}");
        }

        return zip;
    }

    private static AsymmetricAlgorithm ReadSigningKey(string path, string pem)
    {
        try
        {
            var signingKey = SourceKeys.ReadPrivateKey(pem);
            try
            {
                _ = SignatureAlgorithms.For(signingKey);
                return signingKey;
            }
            catch (SignedSourceException)
            {
                signingKey.Dispose();
                throw;
            }
        }
        catch (SignedSourceException ex)
        {
            throw CliException.BadArguments($"The signing key '{path}' cannot be used: {ex.Message}");
        }
    }

    private static void RequireFolderOf(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw CliException.BadArguments($"The folder of --out '{path}' does not exist.");
        }
    }
}
