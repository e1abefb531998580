using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Thespian.Sources;

/// <summary>
/// Reads a source zip without loading anything: every <c>.dll</c> entry must be a .NET assembly (its identity
/// read from metadata), a <c>.pdb</c> beside one is its symbols, build by-products (<c>.deps.json</c>,
/// <c>.runtimeconfig.json</c>, <c>.xml</c> docs) are skipped, and anything else makes the source unusable —
/// as do a corrupt zip, an empty one, and two assemblies with one name.
/// </summary>
internal static class SourceZipReader
{
    /// <summary>The most a source may hold, unpacked (a zip bomb must not exhaust memory).</summary>
    public const long MaxUnpackedBytes = 512L * 1024 * 1024;

    private static readonly string[] SkippedSuffixes = [".deps.json", ".runtimeconfig.json", ".xml"];

    /// <summary>The assemblies in <paramref name="zip"/>.</summary>
    /// <exception cref="InvalidActorSourceException">The zip cannot be used; the message says why.</exception>
    public static IReadOnlyList<SourceAssembly> Read(byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            return ReadEntries(archive);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidActorSourceException($"The source is not a readable zip archive: {ex.Message}", ex);
        }
    }

    private static List<SourceAssembly> ReadEntries(ZipArchive archive)
    {
        var images = new List<(string Entry, AssemblyName Name, byte[] Image)>();
        var symbols = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        long unpacked = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.FullName.EndsWith('/') || SkippedSuffixes.Any(s => entry.FullName.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var extension = Path.GetExtension(entry.FullName);
            if (extension.Equals(".pdb", StringComparison.OrdinalIgnoreCase))
            {
                symbols[WithoutExtension(entry.FullName)] = ReadEntry(entry, ref unpacked);
            }
            else if (extension.Equals(".dll", StringComparison.OrdinalIgnoreCase))
            {
                var image = ReadEntry(entry, ref unpacked);
                images.Add((entry.FullName, ReadIdentity(entry.FullName, image), image));
            }
            else
            {
                throw new InvalidActorSourceException(
                    $"The source entry '{entry.FullName}' is not an assembly: a source zip holds .dll assemblies (with their .pdb " +
                    "symbols if wanted) and nothing else.");
            }
        }

        if (images.Count == 0)
        {
            throw new InvalidActorSourceException("The source zip holds no .dll assembly, so no actor can be created from it.");
        }

        var assemblies = images.Select(i => new SourceAssembly(i.Entry, i.Name, i.Image,
                                                               symbols.GetValueOrDefault(WithoutExtension(i.Entry))))
                               .ToList();
        RejectDuplicates(assemblies);
        return assemblies;
    }

    private static void RejectDuplicates(List<SourceAssembly> assemblies)
    {
        var duplicate = assemblies.GroupBy(a => a.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidActorSourceException(
                $"The source holds the assembly '{duplicate.Key}' more than once ({string.Join(", ", duplicate.Select(a => a.EntryName))}); " +
                "each assembly name may appear once in a source.");
        }
    }

    /// <summary>Reads an entry within what is left of the source's unpacked budget.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, ref long unpacked)
    {
        byte[]? bytes;
        try
        {
            bytes = BoundedZipEntry.Read(entry, MaxUnpackedBytes - unpacked);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidActorSourceException($"The source entry '{entry.FullName}' is corrupt: {ex.Message}", ex);
        }

        if (bytes is null)
        {
            throw new InvalidActorSourceException(
                $"The source unpacks to more than {MaxUnpackedBytes / (1024 * 1024)} MiB; a source holds only the assemblies of its actors.");
        }

        unpacked += bytes.Length;
        return bytes;
    }

    private static AssemblyName ReadIdentity(string entryName, byte[] image)
    {
        try
        {
            using var pe = new PEReader(new MemoryStream(image, writable: false));
            if (!pe.HasMetadata)
            {
                throw NotAnAssembly(entryName, "it has no .NET metadata (a native library?)");
            }

            var metadata = pe.GetMetadataReader();
            if (!metadata.IsAssembly)
            {
                throw NotAnAssembly(entryName, "it is a module, not an assembly");
            }

            return metadata.GetAssemblyDefinition().GetAssemblyName();
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // Metadata that lies (a stream header past the image's end, an assembly culture that is no culture name) makes
            // System.Reflection.Metadata throw these as well (found by fuzzing): the entry is not a usable assembly.
            throw NotAnAssembly(entryName, ex.Message);
        }
    }

    private static InvalidActorSourceException NotAnAssembly(string entryName, string why) =>
        new($"The source entry '{entryName}' is not a .NET assembly: {why}.");

    private static string WithoutExtension(string entryName) =>
        entryName[..^Path.GetExtension(entryName).Length];
}
