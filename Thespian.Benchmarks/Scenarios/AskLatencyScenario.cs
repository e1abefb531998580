using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Infrastructure.Floors;
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
        // On a multiproc base the echo also says which process runs it, for the CPU figures.
        var echo = options.Multiproc ? system.CreateActor<ProcessEcho>() : system.CreateActor<Echo>();
        (string, int)[] processes = options.Multiproc
            ? [("echo", ProcessOf(system, echo)), ("admin", lease.AdminProcessId), ("benchmark", Environment.ProcessId)]
            : [];
        lease.WaitUntilQuiet(hosts: 1 + WarmPool.Hosts);
        var timings = new long[n];
        var (p50Goal, p50Python) = options switch
        {
            { Udp: true } => ((Goal?)null, "81–141 µs"),   // on UDP the goal is a ratio to the UDP floor (below)
            { Multiproc: true } => (Goal.AtMost(40, "≤ 40 µs"), "513 µs"),
            _ => (Goal.AtMost(0.25, "≤ 0.25 µs"), "7.3 µs"),
        };

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
                           "µs", percent == 50 ? p50Goal : null, python: percent == 50 ? p50Python : null);
        }

        var maxima = runs.Select(r => Microseconds(r.Sorted[^1])).ToArray();
        context.Report(new Figure(Name, $"{Name}.max", "Ask latency max", maxima.Max(), "µs", maxima)
        {
            Note = "the worst single ask of all repetitions",
        });
        context.Report("alloc", "  allocated per ask", runs.Select(r => r.Sample.BytesEach(n)), "B/ask",
                       note: options.Multiproc ? "on the asking thread only: the reply is read and deserialized on an I/O thread" : null);

        // Rate: the same asks without timestamps, with a timeout (as above) and without one, interleaved.
        var rates = Runner.Measure(options, () =>
        {
            var meter = processes.Length > 0 ? CpuMeter.Start(processes) : null;
            var timeout = RunSample.Of(() => AskLoop(system, echo, n, AskTimeout));
            var cpu = meter?.Stop();
            return (Timeout: timeout, NoTimeout: RunSample.Of(() => AskLoop(system, echo, n, timeout: null)), Cpu: cpu);
        });
        context.Report("rate", $"asks/s, {Count(n)} asks", rates.Select(r => r.Timeout.Rate(n)), "asks/s",
                       note: $"Ask(target, message, timeout: {AskTimeout.TotalSeconds:0} s), as in the latency runs");
        context.Report("rate.notimeout", "  asks/s with timeout: null", rates.Select(r => r.NoTimeout.Rate(n)), "asks/s");
        if (options.Multiproc)
        {
            context.ReportCpu("rate", "ask", rates.Select(r => r.Cpu!).ToArray(), n);
        }

        context.Report("timer", "  Stopwatch.GetTimestamp cost (inside each latency sample)", MeasureTimer(options), "ns",
                       note: "each latency sample includes the cost of one timestamp");
        if (options.Multiproc)
        {
            ReportFloors(context, Stats.Median(runs.Select(r => Microseconds(Stats.Percentile(r.Sorted, 50)))));
        }
    }

    /// <summary>
    /// The loopback round-trip floors (TCP blocking and polling, UDP blocking), and the Ask p50 as a multiple of the
    /// floor of the base's transport: TCP's polling floor (its busy connections poll), or UDP's.
    /// </summary>
    private void ReportFloors(ScenarioContext context, double askP50)
    {
        var options = context.Options;
        context.Report("floor", "  floor: blocking loopback TCP round trip between two threads, p50", TcpRoundTripFloor.Measure(options, poll: false), "µs",
                       note: $"{TcpRoundTripFloor.MessageBytes} bytes each way, NoDelay, synchronous Send/Receive: what one message each way costs here, now, when each side sleeps until bytes arrive");
        var tcpPoll = context.Report("floor.poll", "  floor: the same, both sides polling before they receive, p50", TcpRoundTripFloor.Measure(options, poll: true), "µs",
                                     note: "each side polls the socket (Socket.Poll, 0 µs) and yields until bytes are there, as a busy connection's receiving thread does");
        var udp = context.Report("floor.udp", "  floor: loopback UDP round trip between two threads (blocking receive), p50", UdpRoundTripFloor.Measure(options), "µs",
                                 note: $"one {TcpRoundTripFloor.MessageBytes}-byte datagram each way between two connected sockets, synchronous Send/Receive");
        var (floor, name) = options.Udp ? (udp, "UDP floor") : (tcpPoll, "polling TCP floor");
        context.Report(new Figure(Name, $"{Name}.p50.floorratio", $"  Ask p50 ÷ {name} p50", askP50 / floor.Value, "×", [askP50 / floor.Value])
        {
            Goal = Goal.AtMost(1.5, $"≤ 1.5× the {name}"),
            Note = $"the median of the repetitions' Ask p50 ({askP50:0.0} µs) ÷ the median of the floor's ({floor.Value:0.0} µs), same run",
        });
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
