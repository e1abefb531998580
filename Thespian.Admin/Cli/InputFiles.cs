using System.IO.Compression;

namespace Thespian.Admin.Cli;

/// <summary>Reads the files a verb is given, turning a missing or unreadable file into a one-line error (exit code 2).</summary>
internal static class InputFiles
{
    /// <summary>The file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, for the error ("the actor source zip").</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="CliException">It does not exist or cannot be read.</exception>
    public static async Task<byte[]> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw CliException.BadArguments($"{Capitalized(what)} '{path}' does not exist.");
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadArguments($"Cannot read {what} '{path}': {ex.Message}");
        }
    }

    /// <summary>The file's text (UTF-8).</summary>
    /// <exception cref="CliException">It does not exist or cannot be read.</exception>
    public static async Task<string> ReadTextAsync(string path, string what, CancellationToken cancellationToken) =>
        System.Text.Encoding.UTF8.GetString(await ReadAsync(path, what, cancellationToken).ConfigureAwait(false));

    /// <summary>The file's bytes, once it is known to be a zip.</summary>
    /// <exception cref="CliException">It does not exist, cannot be read, or is not a zip.</exception>
    public static async Task<byte[]> ReadZipAsync(string path, string what, CancellationToken cancellationToken)
    {
        var bytes = await ReadAsync(path, what, cancellationToken).ConfigureAwait(false);
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            _ = archive.Entries.Count;
        }
        catch (InvalidDataException ex)
        {
            throw CliException.BadArguments($"'{path}' is not a zip file ({ex.Message.TrimEnd('.')}).");
        }

        return bytes;
    }

    private static string Capitalized(string what) => char.ToUpperInvariant(what[0]) + what[1..];
}
