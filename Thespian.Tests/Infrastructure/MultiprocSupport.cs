using System.Diagnostics;
using Thespian.Multiproc;

namespace Thespian.Tests.Infrastructure;

/// <summary>What tests need to run multiproc systems: free ports, and proof that no process outlives its system.</summary>
public static class MultiprocSupport
{
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    /// <summary>A port nothing uses on TCP or UDP right now, below the ephemeral range (see <see cref="FreePorts"/>).</summary>
    public static int FreePort() => FreePorts.BelowEphemeralRange();

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

    /// <summary>The file every multiproc test system logs to.</summary>
    public static string TestLogFile { get; } = Path.Combine(Path.GetTempPath(), "thespian-tests.log");

    /// <summary>
    /// Multiproc test systems log warnings to a file in the temp folder (to read when a test fails); simple ones log
    /// nothing. The environment variable THESPIAN_TEST_LOG_LEVEL (e.g. Debug) logs more, to chase a rare failure.
    /// </summary>
    public static LogDefs TestLogDefs(string systemBase) => systemBase == SystemBaseNames.Simple
        ? LogDefs.Disabled
        : new LogDefs
        {
            FilePath = TestLogFile,
            MinimumLevel = Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(
                Environment.GetEnvironmentVariable("THESPIAN_TEST_LOG_LEVEL"), ignoreCase: true, out var level)
                ? level
                : Microsoft.Extensions.Logging.LogLevel.Warning,
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

    /// <summary>Where multiproc systems run and log, for a failed test's output (empty for the simple base).</summary>
    public static string Describe(IEnumerable<ActorSystem> systems) => string.Join("; ", systems
        .Select(system => system.Base)
        .OfType<MultiprocSystemBase>()
        .Select(multiproc => $"admin {multiproc.SystemAddress} (pid {multiproc.AdminProcessId}) logs to {TestLogFile}"));

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
