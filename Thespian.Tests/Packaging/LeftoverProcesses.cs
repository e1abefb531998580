using System.Globalization;

namespace Thespian.Tests.Packaging;

/// <summary>The processes running a program from a folder: every admin, host or application the test started there.</summary>
internal static class LeftoverProcesses
{
    /// <summary>The ids of the processes whose command line names a path under <paramref name="folder"/>.</summary>
    public static IReadOnlyList<int> Under(string folder)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
                pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(folder, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Exited while we looked.
            }
        }

        return found;
    }
}
