using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Tests.Infrastructure;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>
/// A transient actor system for one scenario (or one repetition), shut down when disposed. On a multiproc
/// base it gets an admin port of its own (a free one), and every process it runs is told to the
/// <see cref="ProcessTracker"/>; disposal learns the hosts once more, then shuts the system down without
/// throwing (so that it never hides the failure that ended a scenario).
/// </summary>
internal sealed class SystemLease : IDisposable
{
    /// <summary>Where multiproc systems log warnings and errors (all processes append to it).</summary>
    public static readonly string LogFile = Path.Combine(Path.GetTempPath(), "thespian-benchmarks.log");

    private int _disposed;
    private bool _killed;

    public SystemLease(string systemBase)
        : this(systemBase, IsMultiproc(systemBase) ? FreePort(systemBase) : null)
    {
    }

    /// <summary>
    /// Starts a system; on a multiproc base, with its admin on <paramref name="port"/> and <paramref name="capabilities"/>
    /// besides (multiproc only).
    /// </summary>
    public SystemLease(string systemBase, int? port, IReadOnlyDictionary<string, object?>? capabilities = null)
    {
        if (port is not { } adminPort)
        {
            System = new ActorSystem(systemBase, logDefs: LogDefs.Disabled, transientUnique: true);
            return;
        }

        Port = adminPort;
        ProcessTracker.LearnPort(adminPort);
        var start = Stopwatch.GetTimestamp();
        try
        {
            System = new ActorSystem(systemBase, CapabilitiesFor(adminPort, capabilities), MultiprocLogDefs, transientUnique: true);
        }
        catch
        {
            CleanUpFailedStart(systemBase, adminPort);
            throw;
        }

        StartTime = Stopwatch.GetElapsedTime(start);
        Multiproc = (MultiprocSystemBase)System.Base;
        ProcessTracker.Learn(Multiproc.AdminProcessId, "admin", adminPort);
    }

    public ActorSystem System { get; }

    /// <summary>The admin port (multiproc only).</summary>
    public int? Port { get; }

    /// <summary>The multiproc base behind <see cref="System"/>, or null on the simple base.</summary>
    public MultiprocSystemBase? Multiproc { get; }

    /// <summary>How long the ActorSystem constructor took (multiproc only).</summary>
    public TimeSpan StartTime { get; }

    /// <summary>How long Shutdown took, once disposed (multiproc only).</summary>
    public TimeSpan ShutdownTime { get; private set; }

    /// <summary>Whether <see cref="KillAdmin"/> killed the admin.</summary>
    public bool Killed => _killed;

    /// <summary>The admin's process id (multiproc only).</summary>
    public int AdminProcessId => Multiproc?.AdminProcessId ?? 0;

    /// <summary>
    /// Logging for multiproc systems: warnings and errors (or what <c>--log-level</c> chose) to <see cref="LogFile"/>,
    /// nothing on the console.
    /// </summary>
    public static LogDefs MultiprocLogDefs { get; set; } = new()
    {
        FilePath = LogFile,
        MinimumLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
    };

    /// <summary>Whether a base name (any case) names a multiproc base; throws ArgumentException for an unknown name.</summary>
    public static bool IsMultiproc(string systemBase) => SystemBaseLoader.Canonical(systemBase) != SystemBaseNames.Simple;

    /// <summary>The capabilities that put a system's admin on <paramref name="port"/> (with <paramref name="more"/> besides).</summary>
    public static Dictionary<string, object?> CapabilitiesFor(int port, IReadOnlyDictionary<string, object?>? more = null)
    {
        var all = more is null ? [] : new Dictionary<string, object?>(more);
        all[CommonCapabilities.AdminPort] = port;
        return all;
    }

    /// <summary>
    /// A port nothing listens on right now, below the ephemeral range (see <see cref="FreePorts"/>); for the UDP base, one
    /// that is free for UDP as well.
    /// </summary>
    public static int FreePort(string systemBase)
    {
        var udp = SystemBaseLoader.Canonical(systemBase) == SystemBaseNames.MultiprocUdp;
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePorts.BelowEphemeralRange();
            if (!udp || UdpPortIsFree(port) || attempt >= 100)
            {
                return port;
            }
        }
    }

    private static bool UdpPortIsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The host processes the admin runs now (every one is told to the tracker).</summary>
    public IReadOnlyList<int> LearnProcesses()
    {
        if (Multiproc is null || Port is not { } port)
        {
            return [];
        }

        var reply = Multiproc.QueryProcesses();
        ProcessTracker.Learn(reply.AdminProcessId, "admin", port);
        foreach (var pid in reply.HostProcessIds)
        {
            ProcessTracker.Learn(pid, "host", port);
        }

        return reply.HostProcessIds;
    }

    /// <summary>
    /// Waits until the system is at rest: exactly <paramref name="hosts"/> host processes (actors running plus
    /// the warm pool), and the admin and hosts together using no more than one clock tick (10 ms) of CPU in
    /// 100 ms. A new system warms its pool and a new actor makes the pool refill; measuring before that ends
    /// would measure process starts too. Returns false if it did not come to rest within <paramref name="limit"/>.
    /// </summary>
    public bool WaitUntilQuiet(int hosts, TimeSpan? limit = null)
    {
        if (Multiproc is null)
        {
            return true;
        }

        var deadline = Stopwatch.StartNew();
        var wait = limit ?? TimeSpan.FromSeconds(20);
        (int Hosts, long Cpu)? previous = null;
        while (deadline.Elapsed < wait)
        {
            var pids = LearnProcesses().Append(AdminProcessId).ToArray();
            var now = (Hosts: pids.Length - 1, Cpu: pids.Sum(pid => ProcFs.CpuTicks(pid) ?? 0));
            if (previous is { } before && before.Hosts == now.Hosts && now.Hosts == hosts && now.Cpu - before.Cpu <= 1)
            {
                return true;
            }

            previous = now;
            Thread.Sleep(100);
        }

        Console.Error.WriteLine($"  note: the system on port {Port} did not come to rest with {hosts} hosts within {wait.TotalSeconds:0} s.");
        return false;
    }

    /// <summary>
    /// Kills the admin with SIGKILL, as a crash would (its hosts notice and exit on their own); its processes are told
    /// to the tracker first. Disposal then only releases the ActorSystem object: there is nothing left to shut down.
    /// </summary>
    public void KillAdmin()
    {
        if (Multiproc is null)
        {
            throw new InvalidOperationException("Only a multiproc system has an admin process to kill.");
        }

        LearnProcesses();
        _killed = true;
        using var admin = Process.GetProcessById(AdminProcessId);
        admin.Kill();   // SIGKILL on Linux
    }

    /// <summary>Shuts the system down (on multiproc bases Dispose alone would leave it running).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_killed)
        {
            ReleaseKilled();
            return;
        }

        if (Multiproc is null)
        {
            System.Shutdown();
            return;
        }

        try
        {
            LearnProcesses();
        }
        catch (Exception ex) when (ex is ActorSystemException or InvalidOperationException)
        {
            // The admin is not answering; Shutdown will say so, and the final check finds its processes by port.
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            System.Shutdown();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"  WARNING: shutting down the system on port {Port} failed: {ex.GetType().Name}: {ex.Message}");
        }

        ShutdownTime = Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Releases the ActorSystem object of a system whose admin was killed, without throwing.</summary>
    private void ReleaseKilled()
    {
        try
        {
            System.Dispose();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"  WARNING: releasing the killed system on port {Port} failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// The constructor threw: if an admin answers on the port anyway (it started, then something failed), join
    /// it and shut it down, so that nothing is left running.
    /// </summary>
    private static void CleanUpFailedStart(string systemBase, int port)
    {
        IMultiprocTransports transports;
        try
        {
            transports = MultiprocTransports.For(systemBase);
        }
        catch (ActorSystemStartupFailureException)
        {
            return;   // the base cannot be loaded: nothing was started
        }

        try
        {
            var (result, _) = transports.CreateAdminProbe(secret: null).ProbeAsync(transports.AdminEndpoint(port), CancellationToken.None).GetAwaiter().GetResult();
            if (result != AdminProbeResult.ThespianAdmin)
            {
                return;
            }

            var joined = new ActorSystem(systemBase, CapabilitiesFor(port), MultiprocLogDefs, transientUnique: true);
            ProcessTracker.Learn(((MultiprocSystemBase)joined.Base).AdminProcessId, "admin", port);
            joined.Shutdown();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"  WARNING: could not clean up after a failed start on port {port}: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
