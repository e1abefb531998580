using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (a) One-way tell throughput: the benchmark asks A "go N"; A sends N ticks to B in a loop; B counts and
/// replies after the N-th. Timed from the Ask to its reply. Small bursts are repeated so that each
/// repetition sends about as many messages as a large one; each repetition runs both sizes, so that a
/// change in the machine's load affects both alike. On a multiproc base A and B run in processes of their
/// own, so every tick is serialized, crosses a socket and is deserialized (see <see cref="RunMultiproc"/>).
/// </summary>
internal sealed class TellThroughputScenario : IScenario
{
    private static readonly Goal RateGoal = Goal.AtLeast(20e6, "≥ 20M msg/s");
    private static readonly Goal MultiprocRateGoal = Goal.AtLeast(1e6, "≥ 1M msg/s");
    private static readonly Goal UdpRateGoal = Goal.AtLeast(500e3, "≥ 500k msg/s, 0 lost");

    public string Name => "tell";

    public string Title => "(a) one-way tell A→B: A gets \"go N\", sends N messages to B, B replies after the N-th";

    public void Run(ScenarioContext context)
    {
        if (context.Options.Multiproc)
        {
            RunMultiproc(context);
            return;
        }

        var options = context.Options;
        using var lease = context.StartSystem();
        var system = lease.System;
        var sender = system.CreateActor<TickSender>();
        var counter = system.CreateActor<SwitchCounter>();
        var (small, large) = (options.TellSmall, options.TellLarge);
        var smallBursts = Math.Max(1, options.TellBatch / small);

        var runs = Runner.Measure(options, () =>
        (
            Small: RunSample.Of(() => Bursts(system, sender, new Go(small, counter), smallBursts)),
            Large: RunSample.Of(() => Bursts(system, sender, new Go(large, counter), 1))
        ));

        Report(context, small, smallBursts, runs.Select(r => r.Small).ToArray());
        Report(context, large, 1, runs.Select(r => r.Large).ToArray());
        context.Report("flatness", $"rate at N={Count(large)} ÷ rate at N={Count(small)}",
                       runs.Select(r => r.Large.Rate(large) / r.Small.Rate((long)small * smallBursts)), "ratio",
                       Goal.Informational("≈ 1 (flat in N)"), python: "0.07");
    }

    /// <summary>
    /// Multiproc: A and B in processes of their own. Warm-up with small bursts only; the small burst is measured
    /// in every repetition, the large one (N=1M: tens of seconds at today's rates) <see cref="BenchmarkOptions.TellLargeRepetitions"/>
    /// times; the CPU time A, B, the admin and this process use is measured over the large bursts.
    /// </summary>
    private void RunMultiproc(ScenarioContext context)
    {
        var options = context.Options;
        using var lease = context.StartSystem();
        var system = lease.System;
        var sender = system.CreateActor<TickSender>();
        var counter = system.CreateActor<SwitchCounter>();
        (string, int)[] processes =
        [
            ("A", ProcessOf(system, sender)), ("B", ProcessOf(system, counter)), ("admin", lease.AdminProcessId),
            ("benchmark", Environment.ProcessId),
        ];
        lease.WaitUntilQuiet(hosts: 2 + WarmPool.Hosts);
        var (small, large) = (options.TellSmall, options.TellLarge);
        var smallGo = new Go(small, counter);
        var largeGo = new Go(large, counter);

        Runner.WarmUp(options, () => Bursts(system, sender, smallGo, 1));
        var smallRuns = new List<RunSample>();
        var largeRuns = new List<(RunSample Sample, Dictionary<string, double> Cpu)>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            Runner.Settle();
            smallRuns.Add(RunSample.Of(() => Bursts(system, sender, smallGo, 1)));
            if (rep < options.TellLargeRepetitions)
            {
                Runner.Settle();
                var meter = CpuMeter.Start(processes);
                var sample = RunSample.Of(() => Bursts(system, sender, largeGo, 1, LongAskTimeout));
                largeRuns.Add((sample, meter.Stop()));
            }
        }

        // B checks that it counted exactly N (a lost message fails the scenario): every rate below is with 0 lost.
        const string Note = "A and B in processes of their own; timed from the Ask \"go N\" to B's reply after the N-th (0 lost)";
        var (goal, python) = options.Udp ? (UdpRateGoal, "14–25k msg/s, with losses") : (MultiprocRateGoal, "626 msg/s");
        context.Report($"n{small}.rate", $"A→B tell, N={Count(small)}", smallRuns.Select(s => s.Rate(small)), "msg/s",
                       goal, python, Note);
        context.Report($"n{large}.rate", $"A→B tell, N={Count(large)}", largeRuns.Select(r => r.Sample.Rate(large)), "msg/s",
                       goal, python,
                       largeRuns.Count == 1 ? "one burst (a full run measures the large burst once: it takes tens of seconds)" : Note);
        var smallMedian = Stats.Median(smallRuns.Select(s => s.Rate(small)));
        context.Report("flatness", $"rate at N={Count(large)} ÷ rate at N={Count(small)}",
                       largeRuns.Select(r => r.Sample.Rate(large) / smallMedian), "ratio", Goal.Informational("≈ 1 (flat in N)"),
                       note: "each large burst's rate ÷ the median small-burst rate");
        context.ReportCpu($"n{large}", "msg", largeRuns.Select(r => r.Cpu).ToArray(), large);
    }

    private static void Bursts(ActorSystem system, ActorAddress sender, Go go, int bursts) => Bursts(system, sender, go, bursts, AskTimeout);

    private static void Bursts(ActorSystem system, ActorAddress sender, Go go, int bursts, TimeSpan timeout)
    {
        for (var burst = 0; burst < bursts; burst++)
        {
            var done = Ask<Done>(system, sender, go, timeout);
            if (done.Count != go.Count)
            {
                throw new InvalidOperationException($"B counted {done.Count} messages, not {go.Count}.");
            }
        }
    }

    private static void Report(ScenarioContext context, int n, int bursts, RunSample[] samples)
    {
        var messages = (long)n * bursts;
        var note = bursts > 1 ? $"{bursts} bursts of {Count(n)} per repetition" : null;
        var python = n switch { 10_000 => "345k msg/s", 1_000_000 => "24k msg/s", _ => null };
        context.Report($"n{n}.rate", $"A→B tell, N={Count(n)}", samples.Select(s => s.Rate(messages)), "msg/s",
                       RateGoal, python, note);
        context.Report($"n{n}.alloc", $"  allocated per message, N={Count(n)}", samples.Select(s => s.BytesEach(messages)),
                       "B/msg", note: "bytes allocated on the calling thread (all of the simple base's work) ÷ messages");
    }
}
