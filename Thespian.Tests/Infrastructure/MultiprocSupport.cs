using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Thespian.Multiproc;

namespace Thespian.Tests.Infrastructure;

/// <summary>What tests need to run multiproc systems: free ports, and proof that no process outlives its system.</summary>
public static class MultiprocSupport
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    /// <summary>The lowest port <see cref="FreePort"/> picks.</summary>
    private const int LowestTestPort = 20_000;

    /// <summary>
    /// A TCP port nothing listens on right now, below the kernel's ephemeral range: every actor's and application's
    /// endpoint listens on an ephemeral port, and one of them taking a test's admin port between this call and the
    /// admin's start would put a non-admin on it (a port from port 0 is ephemeral, so it could be taken).
    /// </summary>
    public static int FreePort()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(LowestTestPort, below);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free port between {LowestTestPort} and {below} after 100 tries.");
    }

    /// <summary>The first port of the kernel's ephemeral range (32768 when it cannot be read).</summary>
    private static int EphemeralRangeStart()
    {
        const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var fields = File.Exists(rangeFile) ? File.ReadAllText(rangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        return fields.Length > 0 && int.TryParse(fields[0], out var start) && start > LowestTestPort + 1000 ? start : 32_768;
    }

    /// <summary>The capabilities with a free "Admin Port" added for multiproc bases (unless the test set one).</summary>
    public static IDictionary<string, object?>? WithFreeAdminPort(string systemBase, IDictionary<string, object?>? capabilities)
    {
        if (systemBase == SystemBaseNames.Simple)
        {
            return capabilities;
        }

        var withPort = new Dictionary<string, object?>(capabilities ?? new Dictionary<string, object?>());
        withPort.TryAdd(CommonCapabilities.AdminPort, FreePort());
        return withPort;
    }

    /// <summary>Multiproc test systems log warnings to a file in the temp folder (to read when a test fails); simple ones log nothing.</summary>
    public static LogDefs TestLogDefs(string systemBase) => systemBase == SystemBaseNames.Simple
        ? LogDefs.Disabled
        : new LogDefs
        {
            FilePath = Path.Combine(Path.GetTempPath(), "thespian-tests.log"),
            MinimumLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
            LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
        };

    /// <summary>The admin and host processes of a multiproc system (none for the simple base or a shut-down system).</summary>
    public static IReadOnlyList<int> ProcessesOf(ActorSystem system)
    {
        if (system.Base is not MultiprocSystemBase multiproc || multiproc.IsShutDown)
        {
            return [];
        }

        try
        {
            var reply = multiproc.QueryProcesses();
            return [reply.AdminProcessId, .. reply.HostProcessIds];
        }
        catch (ActorSystemException)
        {
            return [multiproc.AdminProcessId];
        }
    }

    /// <summary>Fails unless every process has exited (waiting a little for them to finish exiting).</summary>
    public static void AssertAllExited(IEnumerable<int> processIds)
    {
        var remaining = processIds.Distinct().ToList();
        var watch = Stopwatch.StartNew();
        while (remaining.Count > 0 && watch.Elapsed < ExitWait)
        {
            remaining.RemoveAll(pid => !ProcessLiveness.IsAlive(pid));
            if (remaining.Count > 0)
            {
                Thread.Sleep(20);
            }
        }

        foreach (var pid in remaining)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Gone after all.
            }
        }

        Assert.That(remaining, Is.Empty, "processes of the system still running after Shutdown (now killed)");
    }
}
