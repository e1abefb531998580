using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (a) One-way tell throughput: the benchmark asks A "go N"; A sends N ticks to B in a loop; B counts and
/// replies after the N-th. Timed from the Ask to its reply. Small bursts are repeated so that each
/// repetition sends about as many messages as a large one; each repetition runs both sizes, so that a
/// change in the machine's load affects both alike.
/// </summary>
internal sealed class TellThroughputScenario : IScenario
{
    private static readonly Goal RateGoal = Goal.AtLeast(20e6, "≥ 20M msg/s");

    public string Name => "tell";

    public string Title => "(a) one-way tell A→B: A gets \"go N\", sends N messages to B, B replies after the N-th";

    public void Run(ScenarioContext context)
    {
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

    private static void Bursts(ActorSystem system, ActorAddress sender, Go go, int bursts)
    {
        for (var burst = 0; burst < bursts; burst++)
        {
            var done = Ask<Done>(system, sender, go);
            if (done.Count != go.Count)
            {
                throw new InvalidOperationException($"B counted {done.Count} messages, not {go.Count}.");
            }
        }
    }

    private static void Report(ScenarioContext context, int n, int bursts, RunSample[] samples)
    {
        var messages = (long)n * bursts;
        var python = n switch { 10_000 => "345k msg/s", 1_000_000 => "24k msg/s", _ => null };
        var note = bursts > 1 ? $"{bursts} bursts of {Count(n)} per repetition" : null;
        context.Report($"n{n}.rate", $"A→B tell, N={Count(n)}", samples.Select(s => s.Rate(messages)), "msg/s",
                       RateGoal, python, note);
        context.Report($"n{n}.alloc", $"  allocated per message, N={Count(n)}", samples.Select(s => s.BytesEach(messages)),
                       "B/msg", note: "bytes allocated on the calling thread (all of the simple base's work) ÷ messages");
    }
}
