using System.Diagnostics;
using Thespian.Multiproc;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>
/// Every admin and actor-host process the benchmark learnt about (by process id and start time, so that a
/// later process reusing an id is not mistaken for one of ours), and every admin port it used. At the end,
/// <see cref="CheckAllExited"/> proves that none is still running: the processes learnt, and any process
/// whose command line names one of our admin ports together with this benchmark's folder.
/// </summary>
internal static class ProcessTracker
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, Tracked> Known = [];
    private static readonly HashSet<int> Ports = [];

    /// <summary>How many processes were learnt.</summary>
    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return Known.Count;
            }
        }
    }

    /// <summary>Whether any multiproc system was started.</summary>
    public static bool Used
    {
        get
        {
            lock (Gate)
            {
                return Ports.Count > 0;
            }
        }
    }

    /// <summary>An admin port the benchmark starts a system on.</summary>
    public static void LearnPort(int port)
    {
        lock (Gate)
        {
            Ports.Add(port);
        }
    }

    /// <summary>A process of a system the benchmark started ("admin" or "host").</summary>
    public static void Learn(int pid, string role, int port)
    {
        if (pid <= 0)
        {
            return;
        }

        lock (Gate)
        {
            if (!Known.ContainsKey(pid))
            {
                Known[pid] = new Tracked(pid, role, port, ProcFs.StartTime(pid));
            }
        }
    }

    /// <summary>
    /// Waits (up to <paramref name="wait"/>) for every learnt process to exit, then looks for any process that
    /// still names one of our ports; ends the survivors (they are ours) and returns what it found.
    /// </summary>
    public static ExitCheck CheckAllExited(TimeSpan wait)
    {
        Tracked[] known;
        int[] ports;
        lock (Gate)
        {
            known = [.. Known.Values];
            ports = [.. Ports];
        }

        var watch = Stopwatch.StartNew();
        var alive = known.Where(IsStillRunning).ToList();
        while (alive.Count > 0 && watch.Elapsed < wait)
        {
            Thread.Sleep(50);
            alive.RemoveAll(t => !IsStillRunning(t));
        }

        var survivors = alive.Select(t => $"{t.Role} {t.Pid} (port {t.Port})").ToList();
        var strays = FindStrays(ports).Where(s => alive.All(t => t.Pid != s.Pid)).ToList();
        survivors.AddRange(strays.Select(s => $"{s.Role} {s.Pid} (port {s.Port}, never learnt)"));
        foreach (var pid in alive.Select(t => t.Pid).Concat(strays.Select(s => s.Pid)))
        {
            Kill(pid);
        }

        return new ExitCheck(known.Length, ports.Length, survivors);
    }

    private static bool IsStillRunning(Tracked tracked) =>
        ProcessLiveness.IsAlive(tracked.Pid) && (tracked.StartTime is null || ProcFs.StartTime(tracked.Pid) == tracked.StartTime);

    /// <summary>
    /// Processes started by our admins that nobody told us about: "admin-run --port P" or "host --admin
    /// host:P" with P one of our ports, and this benchmark's folder on their actor path (so that another
    /// program's admin that later took the same port is never touched).
    /// </summary>
    private static IEnumerable<Tracked> FindStrays(int[] ports)
    {
        if (ports.Length == 0 || !OperatingSystem.IsLinux())
        {
            yield break;
        }

        var ourFolder = AppContext.BaseDirectory;
        foreach (var pid in ProcFs.AllProcessIds())
        {
            if (pid == Environment.ProcessId || ProcFs.CommandLine(pid) is not { } args ||
                !args.Any(a => a.EndsWith("Thespian.Admin.dll", StringComparison.Ordinal) || a.EndsWith("/Thespian.Admin", StringComparison.Ordinal)) ||
                !HasOption(args, "--actor-path", ourFolder))
            {
                continue;
            }

            foreach (var port in ports)
            {
                if (args.Contains("admin-run") && HasOption(args, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    yield return new Tracked(pid, "admin", port, null);
                }
                else if (args.Contains("host") && Option(args, "--admin") is { } admin &&
                         admin.EndsWith($":{port}", StringComparison.Ordinal))
                {
                    yield return new Tracked(pid, "host", port, null);
                }
            }
        }
    }

    private static bool HasOption(string[] args, string name, string value)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name && (args[i + 1] == value || args[i + 1].TrimEnd('/') == value.TrimEnd('/')))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone after all.
        }
    }

    private sealed record Tracked(int Pid, string Role, int Port, long? StartTime);
}

/// <summary>The result of <see cref="ProcessTracker.CheckAllExited"/>: survivors are described (and have been ended).</summary>
internal sealed record ExitCheck(int Learnt, int Ports, IReadOnlyList<string> Survivors)
{
    public bool AllExited => Survivors.Count == 0;

    public override string ToString() => AllExited
        ? $"All {Learnt} admin/host processes the benchmark learnt about (on {Ports} admin ports) have exited; none found still running."
        : $"STILL RUNNING after shutdown (now ended): {string.Join(", ", Survivors)} — of {Learnt} processes learnt on {Ports} admin ports.";
}
