using System.IO.Compression;

namespace Thespian.Sources;

/// <summary>Reads a zip entry while counting what it really unpacks to (an entry's declared length may lie).</summary>
internal static class BoundedZipEntry
{
    /// <summary>The entry's bytes, or null as soon as it unpacks to more than <paramref name="limit"/> bytes.</summary>
    /// <exception cref="InvalidDataException">The entry is corrupt.</exception>
    public static byte[]? Read(ZipArchiveEntry entry, long limit)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream((int)Math.Clamp(entry.Length, 0, Math.Min(limit, 16 * 1024 * 1024)));
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
