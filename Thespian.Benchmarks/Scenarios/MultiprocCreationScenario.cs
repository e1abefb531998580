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
/// measured (its process ends), so the machine does not fill up with processes.
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

        // Warm-up: the admin's and this process's create path compiled.
        for (var i = 0; i < 3; i++)
        {
            lease.WaitUntilQuiet(hosts: WarmPool.Hosts);
            Exit(system, [system.CreateActor<Idle>()]);
        }

        var paced = new List<double>();
        for (var i = 0; i < options.SequentialCreates; i++)
        {
            lease.WaitUntilQuiet(hosts: WarmPool.Hosts);
            var start = Stopwatch.GetTimestamp();
            var actor = system.CreateActor<Idle>();
            paced.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Exit(system, [actor]);
        }

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
        context.Report(new Figure(Name, $"{Name}.paced.p50", $"CreateActor p50, {n} one at a time, warm pool refilled before each",
                                  Percentile(pacedSorted, 50), "ms", paced)
        {
            Goal = Goal.AtMost(3, "≤ 3 ms"),
            Python = "6.9 ms",
            Note = "samples: every create in order",
        });
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
