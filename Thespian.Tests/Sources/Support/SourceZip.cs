using System.IO.Compression;

namespace Thespian.Tests.Sources.Support;

/// <summary>Builds source zips in memory.</summary>
public static class SourceZip
{
    /// <summary>Every entry's time: the same entries make the same zip, hence the same source hash, whenever it is built.</summary>
    private static readonly DateTimeOffset EntryTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A zip with the given entries (name → bytes).</summary>
    public static byte[] Of(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name);
                entry.LastWriteTime = EntryTime;
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A zip of one compiled assembly, entry "<paramref name="assemblyName"/>.dll".</summary>
    public static byte[] Compiled(string assemblyName, string code) =>
        Of(($"{assemblyName}.dll", SourceCompiler.Compile(assemblyName, code)));
}
