using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (c) External Ask latency: each Ask of an echo actor is timed on its own (Stopwatch timestamps around
/// the call); the percentiles of each repetition are computed and their medians reported. The rate is
/// measured separately, without per-ask timestamps.
/// </summary>
internal sealed class AskLatencyScenario : IScenario
{
    private const string Ping = "ping";
    private static readonly (string Key, string Label, double Percent)[] Percentiles =
    [
        ("p50", "p50", 50), ("p90", "p90", 90), ("p99", "p99", 99), ("p999", "p99.9", 99.9),
    ];

    public string Name => "ask";

    public string Title => "(c) external Ask latency: ActorSystem.Ask of an echo actor";

    public void Run(ScenarioContext context)
    {
        var options = context.Options;
        var n = options.Asks;
        using var lease = context.StartSystem();
        var system = lease.System;
        var echo = system.CreateActor<Echo>();
        var timings = new long[n];

        // Latency: every ask timed on its own.
        Runner.WarmUp(options, () => TimeEach(system, echo, timings));
        var runs = new List<(long[] Sorted, RunSample Sample)>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            Runner.Settle();
            var sample = RunSample.Of(() => TimeEach(system, echo, timings));
            runs.Add((timings.Order().ToArray(), sample));
        }

        foreach (var (key, label, percent) in Percentiles)
        {
            context.Report(key, $"Ask latency {label}, {Count(n)} asks", runs.Select(r => Microseconds(Stats.Percentile(r.Sorted, percent))),
                           "µs", percent == 50 ? Goal.AtMost(0.25, "≤ 0.25 µs") : null, python: percent == 50 ? "7.3 µs" : null);
        }

        var maxima = runs.Select(r => Microseconds(r.Sorted[^1])).ToArray();
        context.Report(new Figure(Name, $"{Name}.max", "Ask latency max", maxima.Max(), "µs", maxima)
        {
            Note = "the worst single ask of all repetitions",
        });
        context.Report("alloc", "  allocated per ask", runs.Select(r => r.Sample.BytesEach(n)), "B/ask");

        // Rate: the same asks without timestamps, with a timeout (as above) and without one, interleaved.
        var rates = Runner.Measure(options, () =>
        (
            Timeout: RunSample.Of(() => AskLoop(system, echo, n, AskTimeout)),
            NoTimeout: RunSample.Of(() => AskLoop(system, echo, n, timeout: null))
        ));
        context.Report("rate", $"asks/s, {Count(n)} asks", rates.Select(r => r.Timeout.Rate(n)), "asks/s",
                       note: $"Ask(target, message, timeout: {AskTimeout.TotalSeconds:0} s), as in the latency runs");
        context.Report("rate.notimeout", "  asks/s with timeout: null", rates.Select(r => r.NoTimeout.Rate(n)), "asks/s");

        context.Report("timer", "  Stopwatch.GetTimestamp cost (inside each latency sample)", MeasureTimer(options), "ns",
                       note: "each latency sample includes the cost of one timestamp");
    }

    private static void TimeEach(ActorSystem system, ActorAddress echo, long[] timings)
    {
        for (var i = 0; i < timings.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var reply = system.Ask(echo, Ping, AskTimeout);
            timings[i] = Stopwatch.GetTimestamp() - start;
            if (reply is null)
            {
                throw new InvalidOperationException($"No reply to ask {i} within {AskTimeout.TotalSeconds:0} s.");
            }
        }
    }

    private static void AskLoop(ActorSystem system, ActorAddress echo, int n, TimeSpan? timeout)
    {
        for (var i = 0; i < n; i++)
        {
            if (system.Ask(echo, Ping, timeout) is null)
            {
                throw new InvalidOperationException($"No reply to ask {i}.");
            }
        }
    }

    private static double[] MeasureTimer(BenchmarkOptions options)
    {
        const int Calls = 1_000_000;
        var samples = Runner.Measure(options, () => RunSample.Of(() =>
        {
            var sum = 0L;
            for (var i = 0; i < Calls; i++)
            {
                sum ^= Stopwatch.GetTimestamp();
            }

            Sink.Consume(sum);
        }));
        return samples.Select(s => s.NanosecondsEach(Calls)).ToArray();
    }

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
