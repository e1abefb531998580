using System.Diagnostics;
using System.Globalization;
using Thespian.Multiproc;
using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Loss;

/// <summary>
/// A network namespace of this test run (named <c>thespian-&lt;purpose&gt;-&lt;pid&gt;-&lt;n&gt;</c>) with its loopback up: the
/// only place besides 127.0.0.0/8 where the tests may carry traffic. Every process started in it (and every process
/// those start: admins, hosts) is in it, which is how <see cref="ProcessesInside"/> finds them from the root namespace
/// (same process-id space). <see cref="Dispose"/> kills those by process id and deletes the namespace. Links between
/// namespaces (a bridge, veth pairs): NetworkNamespace.Links.cs.
/// </summary>
public sealed partial class NetworkNamespace : IDisposable
{
    private static int _created;
    private readonly string _ip;
    private readonly string _identity;
    private bool _deleted;

    private NetworkNamespace(string ip, string name, string identity)
    {
        _ip = ip;
        Name = name;
        _identity = identity;
    }

    /// <summary>The namespace's name (as `ip netns list` shows it).</summary>
    public string Name { get; }

    /// <summary>
    /// The namespace's identity, "net:[inode]": what /proc/PID/ns/net links to for every process inside it (so a
    /// process can tell which namespace it runs in by reading its own /proc/self/ns/net).
    /// </summary>
    public string Identity => _identity;

    /// <summary>Creates a namespace with a name of its own and brings its loopback up.</summary>
    /// <param name="ip">The path of the ip program.</param>
    /// <param name="purpose">A word in the name saying which tests made it ("loss", "convention").</param>
    /// <exception cref="SystemCommandException">The namespace could not be created (it is deleted again if it was).</exception>
    public static NetworkNamespace Create(string ip, string purpose = "loss")
    {
        var name = string.Create(CultureInfo.InvariantCulture,
                                 $"thespian-{purpose}-{Environment.ProcessId}-{Interlocked.Increment(ref _created)}");
        SystemCommand.Run(ip, "netns", "add", name);
        try
        {
            SystemCommand.Run(ip, "netns", "exec", name, ip, "link", "set", "lo", "up");
            var identity = SystemCommand.Run(ip, "netns", "exec", name, "readlink", "/proc/self/ns/net").Trim();
            if (!identity.StartsWith("net:[", StringComparison.Ordinal))
            {
                throw new SystemCommandException($"Unexpected identity of the namespace {name}: \"{identity}\".");
            }

            return new NetworkNamespace(ip, name, identity);
        }
        catch
        {
            TryDelete(ip, name);
            throw;
        }
    }

    /// <summary>Runs a short command inside the namespace (`ip netns exec NAME program arguments...`); returns its stdout.</summary>
    public string Run(string program, params string[] arguments) =>
        SystemCommand.Run(_ip, ["netns", "exec", Name, program, .. arguments]);

    /// <summary>A start of <paramref name="program"/> inside the namespace, to be started by the caller.</summary>
    public ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(_ip);
        foreach (var argument in new[] { "netns", "exec", Name, program }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// The namespace's own network statistics (/proc/net/snmp and /proc/net/netstat read inside it), keyed
    /// "Group.Name": "Tcp.RetransSegs", "TcpExt.TCPSynRetrans", "Udp.RcvbufErrors", ...
    /// </summary>
    public IReadOnlyDictionary<string, long> KernelCounters()
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = Run("cat", "/proc/net/snmp", "/proc/net/netstat").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var field = 1; field < Math.Min(names.Length, values.Length); field++)
            {
                if (long.TryParse(values[field], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    counters[$"{names[0].TrimEnd(':')}.{names[field]}"] = value;
                }
            }
        }

        return counters;
    }

    /// <summary>Whether the process runs (not a zombie) in this namespace: a reused process id elsewhere does not count.</summary>
    public bool IsInside(int processId) =>
        ProcessLiveness.IsAlive(processId) && NamespaceOf(processId) == _identity;

    /// <summary>Every running process in this namespace, found in /proc.</summary>
    public IReadOnlyList<int> ProcessesInside()
    {
        var inside = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
                NamespaceOf(pid) == _identity && ProcessLiveness.IsAlive(pid))
            {
                inside.Add(pid);
            }
        }

        return inside;
    }

    /// <summary>Whether the namespace still exists (`ip netns add` made /run/netns/NAME; `ip netns delete` removes it).</summary>
    public bool Exists => File.Exists(Path.Combine("/run/netns", Name));

    /// <summary>Waits up to <paramref name="patience"/> for the processes to be gone from the namespace; returns those still in it.</summary>
    public IReadOnlyList<int> WaitUntilGone(IEnumerable<int> processIds, TimeSpan patience)
    {
        var watch = Stopwatch.StartNew();
        var left = processIds.Where(IsInside).ToList();
        while (left.Count > 0 && watch.Elapsed < patience)
        {
            Thread.Sleep(50);
            left.RemoveAll(pid => !IsInside(pid));
        }

        return left;
    }

    /// <summary>
    /// Waits up to <paramref name="patience"/> for every process in the namespace to exit, then kills (SIGKILL, by
    /// process id) whatever is still there; returns those it had to kill, each as "pid: command line".
    /// </summary>
    public IReadOnlyList<string> KillLeftovers(TimeSpan patience)
    {
        var watch = Stopwatch.StartNew();
        var left = ProcessesInside();
        while (left.Count > 0 && watch.Elapsed < patience)
        {
            Thread.Sleep(50);
            left = ProcessesInside();
        }

        var killed = new Dictionary<int, string>();
        for (var round = 0; round < 5 && left.Count > 0; round++)
        {
            foreach (var pid in left)
            {
                killed.TryAdd(pid, $"{pid}: {string.Join(' ', SystemProcesses.CommandLineOf(pid))}");
                Kill(pid);
            }

            Thread.Sleep(100);
            left = ProcessesInside();
        }

        return [.. killed.Values];
    }

    /// <summary>Kills whatever still runs in the namespace (by process id) and deletes it; safe to call twice.</summary>
    public void Dispose()
    {
        if (_deleted)
        {
            return;
        }

        KillLeftovers(TimeSpan.Zero);
        TryDelete(_ip, Name);
        _deleted = true;
    }

    private static string? NamespaceOf(int processId)
    {
        try
        {
            return new FileInfo($"/proc/{processId}/ns/net").LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void Kill(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }

    private static void TryDelete(string ip, string name)
    {
        try
        {
            SystemCommand.Run(ip, "netns", "delete", name);
        }
        catch (SystemCommandException ex)
        {
            TestContext.Out.WriteLine($"Deleting the network namespace {name}: {ex.Message}");
        }
    }
}
