using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (d) on a multiproc base: the latency of ActorSystem.CreateActor, which returns once the actor runs in a
/// process of its own. Paced: one create at a time, each after the admin's warm pool has refilled and the
/// system is at rest — a warm hand-over. Burst: creates back to back from a rested system, so that after the
/// warm hosts are used each create waits for a process start. Every actor is asked to exit after it is
/// measured (its process ends), so the machine does not fill up with processes. With <c>--compare-tcp</c> (UDP base) a
/// TCP system runs beside it and the paced creates alternate between the two, for the ratio of their p50s.
/// </summary>
internal sealed class MultiprocCreationScenario : IScenario
{
    private const int Bursts = 3;

    public string Name => "create";

    public string Title => "(d) CreateActor latency: paced (warm pool refilled before each) and in bursts";

    public void Run(ScenarioContext context)
    {
        var options = context.Options;
        using var lease = context.StartSystem();
        var system = lease.System;

        // --compare-tcp (UDP base): a TCP system beside it, measured create for create in turn with it.
        using var tcp = options.CompareTcp ? new SystemLease(SystemBaseNames.MultiprocTcp) : null;
        SystemLease[] leases = tcp is null ? [lease] : [lease, tcp];

        // Warm-up: the admin's and this process's create path compiled.
        for (var i = 0; i < 3; i++)
        {
            foreach (var each in leases)
            {
                WaitUntilQuiet(leases);
                TimeCreate(each.System);
            }
        }

        var paced = new List<double>();
        var pacedTcp = new List<double>();
        for (var i = 0; i < options.SequentialCreates; i++)
        {
            WaitUntilQuiet(leases);
            paced.Add(TimeCreate(system));
            if (tcp is not null)
            {
                WaitUntilQuiet(leases);
                pacedTcp.Add(TimeCreate(tcp.System));
            }
        }

        tcp?.Dispose();

        var burst = new List<double>();
        var burstTotals = new List<double>();
        for (var b = 0; b < Bursts; b++)
        {
            lease.WaitUntilQuiet(hosts: WarmPool.Hosts);
            var created = new List<ActorAddress>();
            var total = Stopwatch.GetTimestamp();
            try
            {
                for (var i = 0; i < options.BurstCreates; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    created.Add(system.CreateActor<Idle>());
                    burst.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                burstTotals.Add(Stopwatch.GetElapsedTime(total).TotalMilliseconds);
            }
            finally
            {
                Exit(system, created);
            }
        }

        var pacedSorted = paced.Order().ToArray();
        var burstSorted = burst.Order().ToArray();
        var n = options.SequentialCreates;
        var p50 = Percentile(pacedSorted, 50);
        context.Report(new Figure(Name, $"{Name}.paced.p50", $"CreateActor p50, {n} one at a time, warm pool refilled before each",
                                  p50, "ms", paced)
        {
            Goal = options switch
            {
                { Udp: true, CompareTcp: true } => null,   // the ratio to TCP's, below
                { Udp: true } => Goal.Informational("within 1.2× of TCP's (run with --compare-tcp)"),
                _ => Goal.AtMost(3, "≤ 3 ms"),
            },
            Python = options.Udp ? "4.5–32 ms" : "6.9 ms",
            Note = "samples: every create in order",
        });
        if (pacedTcp.Count > 0)
        {
            var tcpP50 = Percentile(pacedTcp.Order().ToArray(), 50);
            context.Report(new Figure(Name, $"{Name}.paced.p50.tcp", "  CreateActor p50 on multiprocTCPBase, paced, in turn with the above",
                                      tcpP50, "ms", pacedTcp) { Note = "--compare-tcp: a TCP system beside the UDP one, one create on each in turn" });
            context.Report(new Figure(Name, $"{Name}.paced.tcpratio", "  CreateActor p50 ÷ TCP's", p50 / tcpP50, "×", [p50 / tcpP50])
            {
                Goal = Goal.AtMost(1.2, "≤ 1.2× TCP's"),
            });
        }

        context.Report(new Figure(Name, $"{Name}.paced.p99", "  CreateActor p99 (paced)", Percentile(pacedSorted, 99), "ms", paced));
        context.Report(new Figure(Name, $"{Name}.paced.max", "  CreateActor max (paced)", pacedSorted[^1], "ms", paced));
        var m = options.BurstCreates;
        context.Report(new Figure(Name, $"{Name}.burst.p50", $"CreateActor p50, {Bursts} bursts of {m} back to back",
                                  Percentile(burstSorted, 50), "ms", burst)
        {
            Note = $"the first {WarmPool.Hosts} of each burst take warm hosts; the rest wait for process starts",
        });
        context.Report(new Figure(Name, $"{Name}.burst.p99", "  CreateActor p99 (bursts)", Percentile(burstSorted, 99), "ms", burst));
        context.Report(new Figure(Name, $"{Name}.burst.first", $"  CreateActor, first {WarmPool.Hosts} of each burst (warm hosts), median",
                                  Stats.Median(FirstOfEachBurst(burst, m, WarmPool.Hosts)), "ms", FirstOfEachBurst(burst, m, WarmPool.Hosts)));
        context.Report("burst.total", $"  a burst of {m} creates, in all", burstTotals, "ms");
        context.Report("burst.rate", "  creates/s in a burst", burstTotals.Select(t => m / (t / 1000)), "actors/s");
    }

    /// <summary>Times one CreateActor (an idle actor, asked to exit right after); milliseconds.</summary>
    private static double TimeCreate(ActorSystem system)
    {
        var start = Stopwatch.GetTimestamp();
        var actor = system.CreateActor<Idle>();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Exit(system, [actor]);
        return elapsed;
    }

    /// <summary>Waits until every system is at rest with only its warm pool (each one's wait may outlast the others' refill).</summary>
    private static void WaitUntilQuiet(SystemLease[] leases)
    {
        foreach (var lease in leases)
        {
            lease.WaitUntilQuiet(hosts: WarmPool.Hosts);
        }
    }

    private static double Percentile(double[] sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double[] FirstOfEachBurst(List<double> burst, int size, int first) =>
        burst.Where((_, i) => i % size < first).ToArray();

    private static void Exit(ActorSystem system, IEnumerable<ActorAddress> actors)
    {
        foreach (var actor in actors)
        {
            system.Tell(actor, new ActorExitRequest());
        }
    }
}
