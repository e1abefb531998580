using System.IO.Compression;

namespace Thespian.Tests.Sources.Support;

/// <summary>Builds source zips in memory.</summary>
public static class SourceZip
{
    /// <summary>A zip with the given entries (name → bytes).</summary>
    public static byte[] Of(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A zip of one compiled assembly, entry "<paramref name="assemblyName"/>.dll".</summary>
    public static byte[] Compiled(string assemblyName, string code) =>
        Of(($"{assemblyName}.dll", SourceCompiler.Compile(assemblyName, code)));
}
