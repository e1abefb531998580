using System.IO.Compression;

namespace Thespian.Sources;

/// <summary>
/// The zip layout of a signed source package: exactly three entries, the manifest, the payload and the detached
/// signature over the payload's bytes. Reading is strict (no other entry, no entry twice, bounded sizes), so what
/// is verified is all there is.
/// </summary>
internal static class SignedSourceZip
{
    /// <summary>The manifest entry (JSON).</summary>
    public const string ManifestEntry = "thespian-signed-source.json";

    /// <summary>The payload entry: the source zip, or its AES-GCM ciphertext.</summary>
    public const string PayloadEntry = "payload.bin";

    /// <summary>The signature entry: the signature of the payload entry's bytes.</summary>
    public const string SignatureEntry = "payload.sig";

    private const int MaxManifestBytes = 64 * 1024;
    private const int MaxSignatureBytes = 16 * 1024;

    /// <summary>The package's bytes.</summary>
    public static byte[] Write(byte[] manifest, byte[] payload, byte[] signature)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, ManifestEntry, manifest, CompressionLevel.Optimal);
            Add(zip, PayloadEntry, payload, CompressionLevel.NoCompression);
            Add(zip, SignatureEntry, signature, CompressionLevel.NoCompression);
        }

        return buffer.ToArray();
    }

    /// <summary>The three entries of a package.</summary>
    /// <exception cref="SignedSourceException">It is not a zip, not a package, or an entry is missing, repeated, extra, corrupt or too large.</exception>
    public static (byte[] Manifest, byte[] Payload, byte[] Signature) Read(byte[] package)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package, writable: false), ZipArchiveMode.Read);
            var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            RequireLayout(entries);
            return (ReadEntry(entries, ManifestEntry, MaxManifestBytes),
                    ReadEntry(entries, PayloadEntry, SourceZipReader.MaxUnpackedBytes),
                    ReadEntry(entries, SignatureEntry, MaxSignatureBytes));
        }
        catch (InvalidDataException ex)
        {
            throw new SignedSourceException(
                $"This is not a signed source package: it is not a readable zip archive ({ex.Message.TrimEnd('.')}). " +
                "Make one with 'thespian-admin sign' or SignedSourcePackage.Create.", ex);
        }
    }

    private static void RequireLayout(List<ZipArchiveEntry> entries)
    {
        if (!entries.Any(e => e.FullName == ManifestEntry))
        {
            var plainSource = entries.Any(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            throw new SignedSourceException(plainSource
                ? $"This is a plain (unsigned) source zip, not a signed source package (it has no {ManifestEntry} entry); " +
                  "sign it with 'thespian-admin sign' or SignedSourcePackage.Create before loading it."
                : $"This is not a signed source package: the zip has no {ManifestEntry} entry. Make one with " +
                  "'thespian-admin sign' or SignedSourcePackage.Create.");
        }

        foreach (var name in new[] { PayloadEntry, SignatureEntry })
        {
            if (!entries.Any(e => e.FullName == name))
            {
                throw new SignedSourceException($"The signed source package has no {name} entry; it is incomplete. Sign the source again.");
            }
        }

        var repeated = entries.GroupBy(e => e.FullName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw new SignedSourceException(
                $"The signed source package holds the entry '{repeated.Key}' more than once, which a signed package never does; it has been altered.");
        }

        var extra = entries.FirstOrDefault(e => e.FullName is not (ManifestEntry or PayloadEntry or SignatureEntry));
        if (extra is not null)
        {
            throw new SignedSourceException(
                $"The signed source package holds an unexpected entry '{extra.FullName}' (a package holds only {ManifestEntry}, " +
                $"{PayloadEntry} and {SignatureEntry}); it has been altered, or the source zip was given instead of being signed.");
        }
    }

    private static byte[] ReadEntry(List<ZipArchiveEntry> entries, string name, long limit)
    {
        return BoundedZipEntry.Read(entries.Single(e => e.FullName == name), limit) ?? throw new SignedSourceException(
            $"The signed source package's {name} entry unpacks to more than {limit} bytes, the most it may hold.");
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(content);
    }
}
