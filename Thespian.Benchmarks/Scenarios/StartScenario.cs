using System.Diagnostics;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using Thespian.Multiproc;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (f) Multiproc system start. Cold: a fresh admin on a free port, timed from <c>new ActorSystem</c> until the
/// constructor returns (it launches the admin detached and probes its port until it answers), each on a new
/// port; the system is then let come to rest (its warm pool started) and shut down, and the shutdown is timed.
/// Join: a second ActorSystem on the port of a running, quiet system, timed the same way, in a process that
/// has already joined systems (its code is compiled).
/// </summary>
internal sealed class StartScenario : IScenario
{
    public string Name => "start";

    public string Title => "(f) system start: a fresh admin on a free port; joining a running system; shutdown";

    public void Run(ScenarioContext context)
    {
        var options = context.Options;
        var starts = new List<double>();
        var shutdowns = new List<double>();
        for (var i = 0; i < options.ColdStarts; i++)
        {
            var port = SystemLease.FreePort(context.Options.Base);
            var lease = new SystemLease(options.Base, port);
            try
            {
                starts.Add(lease.StartTime.TotalMilliseconds);
                lease.WaitUntilQuiet(hosts: WarmPool.Hosts);
            }
            finally
            {
                lease.Dispose();
            }

            shutdowns.Add(lease.ShutdownTime.TotalMilliseconds);
        }

        context.Report("cold", $"cold start: new ActorSystem on a free port (admin launched), {starts.Count} starts", starts,
                       "ms", Goal.AtMost(150, "≤ 150 ms"), python: "51 ms",
                       note: "until the constructor returns; each start on a new port; the admin is probed every 15 ms");
        context.Report("shutdown", "  Shutdown of a resting system (admin + warm pool)", shutdowns, "ms",
                       note: "until the admin's process has exited");

        var joins = MeasureJoins(context);
        context.Report("join", $"join: new ActorSystem on the port of a running system, {joins.Count} joins", joins, "ms",
                       Goal.AtMost(5, "≤ 5 ms"), python: "12 ms");
    }

    private static List<double> MeasureJoins(ScenarioContext context)
    {
        var options = context.Options;
        using var lease = context.StartSystem();
        lease.WaitUntilQuiet(hosts: WarmPool.Hosts);
        var capabilities = SystemLease.CapabilitiesFor(lease.Port!.Value);
        var joins = new List<double>();
        for (var i = -2; i < options.Joins; i++)   // two joins first, unmeasured
        {
            var start = Stopwatch.GetTimestamp();
            var joined = new ActorSystem(options.Base, capabilities, LogDefs.Disabled, transientUnique: true);
            var elapsed = Stopwatch.GetElapsedTime(start);
            try
            {
                if (joined.SystemAddress != lease.System.SystemAddress)
                {
                    throw new InvalidOperationException("The joining ActorSystem reached a different system.");
                }
            }
            finally
            {
                Leave(joined);
            }

            if (i >= 0)
            {
                joins.Add(elapsed.TotalMilliseconds);
            }
        }

        return joins;
    }

    /// <summary>
    /// Leaves a joined system without ending it. Dispose releases the endpoint; a base that still holds its node
    /// afterwards (a listening socket, connections, I/O tasks — as at commit 1d74cc1, where nothing short of
    /// Shutdown released it) has it released here, so that twenty joins do not leave twenty listeners behind.
    /// A base that detaches itself on Dispose reports itself shut down, and is left alone.
    /// </summary>
    private static void Leave(ActorSystem joined)
    {
        joined.Dispose();
        if (joined.Base is MultiprocSystemBase { IsShutDown: false } multiproc)
        {
            multiproc.Node.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
