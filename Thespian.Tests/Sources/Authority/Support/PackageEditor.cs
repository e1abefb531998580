using System.IO.Compression;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources.Authority.Support;

/// <summary>Alters the entries of a signed source package, as an attacker would, to prove the alteration is caught.</summary>
public static class PackageEditor
{
    public const string Manifest = "thespian-signed-source.json";
    public const string Payload = "payload.bin";
    public const string Signature = "payload.sig";

    /// <summary>The package with <paramref name="entry"/>'s bytes replaced by <paramref name="edit"/> of them (null drops it).</summary>
    public static byte[] Edit(byte[] package, string entry, Func<byte[], byte[]?> edit)
    {
        var entries = Entries(package);
        var edited = edit(entries[entry]);
        if (edited is null)
        {
            entries.Remove(entry);
        }
        else
        {
            entries[entry] = edited;
        }

        return SourceZip.Of(entries.Select(e => (e.Key, e.Value)).ToArray());
    }

    /// <summary>The bytes with one bit flipped at <paramref name="index"/> (from the end when negative).</summary>
    public static byte[] FlipBit(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index < 0 ? copy.Length + index : index] ^= 0x01;
        return copy;
    }

    /// <summary>The entries of a zip by name.</summary>
    public static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        });
    }
}
