using System.Globalization;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>
/// What Linux's /proc says about a process: memory (RSS from status, PSS from smaps_rollup), CPU time,
/// start time (to tell a process from a later one that reuses its id) and command line. Every reader
/// returns null when the process is gone or the file cannot be read.
/// </summary>
internal static class ProcFs
{
    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat times (USER_HZ, 100 on Linux).</summary>
    public const int TicksPerSecond = 100;

    /// <summary>The resident set (VmRSS), in bytes.</summary>
    public static long? RssBytes(int pid) => KiloBytesField($"/proc/{pid}/status", "VmRSS:");

    /// <summary>
    /// The proportional set size (Pss from smaps_rollup), in bytes: private pages plus each shared page
    /// divided by the number of processes mapping it — so it falls as more .NET processes run on the machine.
    /// </summary>
    public static long? PssBytes(int pid) => KiloBytesField($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>Private (unshared) pages, in bytes: Private_Clean + Private_Dirty from smaps_rollup.</summary>
    public static long? PrivateBytes(int pid)
    {
        var path = $"/proc/{pid}/smaps_rollup";
        return KiloBytesField(path, "Private_Clean:") is { } clean && KiloBytesField(path, "Private_Dirty:") is { } dirty
            ? clean + dirty
            : null;
    }

    /// <summary>User + system CPU time so far, in clock ticks (<see cref="TicksPerSecond"/>).</summary>
    public static long? CpuTicks(int pid) =>
        StatFields(pid) is { } fields ? Long(fields[11]) + Long(fields[12]) : null;   // utime, stime (fields 14, 15)

    /// <summary>When the process started, in clock ticks since boot (stat field 22).</summary>
    public static long? StartTime(int pid) => StatFields(pid) is { } fields ? Long(fields[19]) : null;

    /// <summary>The command line, one entry per argument.</summary>
    public static string[]? CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Length == 0 ? null : raw.TrimEnd('\0').Split('\0');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every process id in /proc.</summary>
    public static IEnumerable<int> AllProcessIds() =>
        Directory.EnumerateDirectories("/proc")
                 .Select(Path.GetFileName)
                 .Where(name => name is { Length: > 0 } && name.All(char.IsAsciiDigit))
                 .Select(name => int.Parse(name!, CultureInfo.InvariantCulture));

    /// <summary>The 1-, 5- and 15-minute load averages and the number of CPUs, as text.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]} (1/5/15 min, {Environment.ProcessorCount} CPUs)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IndexOutOfRangeException)
        {
            return "unknown";
        }
    }

    /// <summary>The 1-minute load average.</summary>
    public static double? LoadAverage1()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The fields of /proc/&lt;pid&gt;/stat after the command name: [0] is the state (field 3).</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            if (afterName < 0 || afterName + 2 >= stat.Length)
            {
                return null;
            }

            var fields = stat[(afterName + 2)..].Split(' ');
            return fields.Length > 19 ? fields : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? KiloBytesField(string path, string name)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(name, StringComparison.Ordinal))
                {
                    var value = line[name.Length..].Trim();
                    var space = value.IndexOf(' ', StringComparison.Ordinal);
                    return Long(space < 0 ? value : value[..space]) * 1024;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Long(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
