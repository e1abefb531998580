using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Infrastructure.Floors;
using Thespian.Benchmarks.Results;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (g) Large messages: the benchmark Asks an echo actor (in its own process) with a byte[] of 1 MiB and of
/// 16 MiB, and the actor sends it back; each round trip is timed on its own and the reply is checked (same
/// length, same first and last bytes). Per repetition the median of the small round trips and the mean of the
/// large ones; the medians of those are reported. Each repetition also times a raw loopback TCP echo of 1 MiB between
/// two threads of this process (<see cref="TcpEchoFloor"/>): the floor that the 1 MiB actor echo is compared with.
/// </summary>
internal sealed class EchoScenario : IScenario
{
    public string Name => "echo";

    public string Title => "(g) large messages: byte[] echo round trips, 1 MiB and 16 MiB";

    public void Run(ScenarioContext context)
    {
        var options = context.Options;
        var small = Payload(options.EchoSmallBytes);
        var large = Payload(options.EchoLargeBytes);
        using var lease = context.StartSystem();
        var system = lease.System;
        var echo = system.CreateActor<ProcessEcho>();
        (string, int)[] processes = [("echo", ProcessOf(system, echo)), ("benchmark", Environment.ProcessId)];
        lease.WaitUntilQuiet(hosts: 1 + WarmPool.Hosts);
        using var floor = new TcpEchoFloor(options.EchoSmallBytes);

        var runs = Runner.Measure(options, () =>
        {
            var floorMedian = Stats.Median(floor.RoundTrips(options.EchoSmallCount));
            var smallMedian = Stats.Median(RoundTrips(system, echo, small, options.EchoSmallCount));
            var meter = CpuMeter.Start(processes);
            var largeMean = RoundTrips(system, echo, large, options.EchoLargeCount).Average();
            return (Small: smallMedian, Large: largeMean, Cpu: meter.Stop(), Floor: floorMedian);
        });

        // Python's UDP base cannot carry a message of 64 KiB or more.
        var (python1, python16) = options.Udp ? ("fails (≥ 64 KiB)", "fails (≥ 64 KiB)") : ("8.7 ms", "280 ms");
        context.Report("mb1", $"1 MiB byte[] echo round trip ({options.EchoSmallCount} per repetition)", runs.Select(r => r.Small), "ms",
                       Goal.AtMost(3, "≤ 3 ms"), python: python1, note: "Ask from the benchmark; the actor sends the array back");
        context.Report("mb1.floor", $"  floor: raw loopback TCP 1 MiB echo between two threads, p50 of {options.EchoSmallCount}", runs.Select(r => r.Floor), "ms",
                       note: "blocking sockets, NoDelay; a 4-byte length and the bytes each way, every buffer allocated once; timed in the same repetitions");
        context.Report("mb1.floorratio", "  1 MiB echo ÷ raw-socket echo floor", runs.Select(r => r.Small / r.Floor), "×",
                       Goal.AtMost(3, "≤ 3× the floor"), note: "per repetition: the actor echo's median ÷ the raw echo's median");
        context.Report("mb16", $"16 MiB byte[] echo round trip ({options.EchoLargeCount} per repetition)", runs.Select(r => r.Large), "ms",
                       Goal.AtMost(80, "≤ 80 ms"), python: python16);
        context.Report("mb16.rate", "  16 MiB echo: payload moved (both ways) per second",
                       runs.Select(r => 2.0 * options.EchoLargeBytes / (1 << 20) / (r.Large / 1000)), "MiB/s");
        context.ReportCpu("mb16", "16 MiB echo", runs.Select(r => r.Cpu).ToArray(), options.EchoLargeCount, milliseconds: true);
    }

    private static double[] RoundTrips(ActorSystem system, ActorAddress echo, byte[] payload, int count)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var reply = Ask<byte[]>(system, echo, payload);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (reply.Length != payload.Length || reply[0] != payload[0] || reply[^1] != payload[^1])
            {
                throw new InvalidOperationException($"The echo of {payload.Length} bytes came back as {reply.Length} different bytes.");
            }
        }

        return times;
    }

    /// <summary>Bytes that are not all alike (so nothing could shortcut them).</summary>
    private static byte[] Payload(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }
}
