using System.Globalization;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// Finds the processes of a multiproc system from the outside, by their command lines in /proc: its admin
/// (<c>Thespian.Admin.dll admin-run ... --port &lt;port&gt;</c>) and its actor hosts
/// (<c>Thespian.Admin.dll host --admin 127.0.0.1:&lt;port&gt; ...</c>). Unlike asking the admin, this also
/// sees hosts that are still starting and processes of an admin that is gone. Linux only (empty elsewhere).
/// </summary>
public static class SystemProcesses
{
    /// <summary>The process ids of the admin and every host of the system on <paramref name="adminPort"/>.</summary>
    public static IReadOnlyList<int> OfAdminPort(int adminPort)
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var port = adminPort.ToString(CultureInfo.InvariantCulture);
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
                pid == Environment.ProcessId)
            {
                continue;
            }

            var arguments = CommandLineOf(pid);
            if (arguments.Count == 0 || !arguments.Any(a => a.EndsWith("Thespian.Admin.dll", StringComparison.Ordinal) ||
                                                           Path.GetFileName(a) == "Thespian.Admin"))
            {
                continue;
            }

            var isAdmin = arguments.Contains("admin-run") && ValueAfter(arguments, "--port") == port;
            var isHost = arguments.Contains("host") && ValueAfter(arguments, "--admin") is { } admin &&
                         admin.EndsWith(":" + port, StringComparison.Ordinal);
            if (isAdmin || isHost)
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>A process's arguments (empty when it is gone or unreadable).</summary>
    public static IReadOnlyList<string> CommandLineOf(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? ValueAfter(IReadOnlyList<string> arguments, string option)
    {
        for (var i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] == option)
            {
                return arguments[i + 1];
            }
        }

        return null;
    }
}
