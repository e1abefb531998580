using System.Security.Cryptography;

namespace Thespian.Sources;

/// <summary>Reading source zips and computing their hashes.</summary>
internal static class SourceFiles
{
    /// <summary>The hash that names a source: SHA-256 of its bytes, lower-case hex.</summary>
    public static string Hash(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// Reads a zip file, with an error that names the path when it cannot be read: a missing file (or folder) throws
    /// <see cref="FileNotFoundException"/>, as <see cref="File"/> and <see cref="System.IO.Compression.ZipFile"/> do
    /// (Python's <c>FileNotFoundError</c>); any other failure an <see cref="ArgumentException"/>.
    /// </summary>
    public static byte[] ReadZip(string zipPath)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        try
        {
            return File.ReadAllBytes(zipPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"The actor source zip '{zipPath}' does not exist.", zipPath, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"Cannot read the actor source zip '{zipPath}': {ex.Message}", nameof(zipPath), ex);
        }
    }

    /// <summary>Reads a whole stream.</summary>
    public static byte[] ReadAll(Stream zipData)
    {
        ArgumentNullException.ThrowIfNull(zipData);
        using var buffer = new MemoryStream();
        zipData.CopyTo(buffer);
        return buffer.ToArray();
    }
}
