using System.IO.Compression;

namespace Thespian.Tests.Cli;

/// <summary>Small zips to load as actor sources.</summary>
public static class SourceZips
{
    /// <summary>A zip with one text entry.</summary>
    public static byte[] Small(string content = "not an assembly")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write(content);
        }

        return buffer.ToArray();
    }
}
