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
        // On a multiproc base the echo also says which process runs it, for the CPU figures.
        var echo = options.Multiproc ? system.CreateActor<ProcessEcho>() : system.CreateActor<Echo>();
        (string, int)[] processes = options.Multiproc
            ? [("echo", ProcessOf(system, echo)), ("admin", lease.AdminProcessId), ("benchmark", Environment.ProcessId)]
            : [];
        lease.WaitUntilQuiet(hosts: 1 + WarmPool.Hosts);
        var timings = new long[n];
        var (p50Goal, p50Python) = options.Multiproc ? (Goal.AtMost(40, "≤ 40 µs"), "513 µs") : (Goal.AtMost(0.25, "≤ 0.25 µs"), "7.3 µs");

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
            context.Report("floor", "  floor: blocking loopback TCP round trip between two threads, p50", MeasureTcpFloor(options, poll: false), "µs",
                           note: "40 bytes each way, NoDelay, synchronous Send/Receive: what one message each way costs here, now, when each side sleeps until bytes arrive");
            context.Report("floor.poll", "  floor: the same, both sides polling before they receive, p50", MeasureTcpFloor(options, poll: true), "µs",
                           note: "each side polls the socket (Socket.Poll, 0 µs) and yields until bytes are there, as a busy connection's receiving thread does");
        }
    }

    /// <summary>
    /// The p50 of a plain TCP round trip on loopback between this thread and an echo thread, per repetition: the least
    /// an Ask across processes can cost on this machine under its current load. With <paramref name="poll"/>, each side
    /// polls for the bytes (yielding) before it receives, so neither sleeps in the kernel.
    /// </summary>
    private static double[] MeasureTcpFloor(BenchmarkOptions options, bool poll)
    {
        void AwaitBytes(System.Net.Sockets.Socket socket)
        {
            if (!poll)
            {
                return;
            }

            // Readable: bytes are there, or the peer closed (then Receive returns 0).
            while (!socket.Poll(0, System.Net.Sockets.SelectMode.SelectRead))
            {
                Thread.Yield();
            }
        }

        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var client = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        client.Connect((System.Net.IPEndPoint)listener.LocalEndpoint);
        using var server = listener.AcceptSocket();
        server.NoDelay = true;
        var echo = new Thread(() =>
        {
            var buffer = new byte[64];
            try
            {
                int read;
                while (true)
                {
                    AwaitBytes(server);
                    if ((read = server.Receive(buffer)) == 0)
                    {
                        break;
                    }

                    server.Send(buffer, 0, read, System.Net.Sockets.SocketFlags.None);
                }
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Closed.
            }
        }) { IsBackground = true, Name = "tcp floor echo" };
        echo.Start();
        var message = new byte[40];
        var reply = new byte[64];
        var timings = new long[options.Asks];
        void RoundTrips()
        {
            for (var i = 0; i < timings.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                client.Send(message);
                var got = 0;
                while (got < message.Length)
                {
                    AwaitBytes(client);
                    got += client.Receive(reply, got, message.Length - got, System.Net.Sockets.SocketFlags.None);
                }

                timings[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        try
        {
            return Runner.Measure(options, () =>
            {
                RoundTrips();
                return Microseconds(Stats.Percentile(timings.Order().ToArray(), 50));
            }).ToArray();
        }
        finally
        {
            client.Shutdown(System.Net.Sockets.SocketShutdown.Both);
            echo.Join(TimeSpan.FromSeconds(5));
        }
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
