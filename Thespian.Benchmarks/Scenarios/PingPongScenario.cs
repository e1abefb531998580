using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>(b) Ping-pong: A and B bounce a ball N times (A counts), then A replies. One round trip is A→B→A.</summary>
internal sealed class PingPongScenario : IScenario
{
    /// <summary>Python Thespian 4.0.1's ping-pong on its UDP base on this machine kind (issue 13), round trips/s.</summary>
    private const double PythonUdpRoundTrips = 4.6e3;

    public string Name => "pingpong";

    public string Title => "(b) ping-pong: A and B bounce a ball N times, then A replies";

    public void Run(ScenarioContext context)
    {
        var n = context.Options.RoundTrips;
        using var lease = context.StartSystem();
        var system = lease.System;
        var server = system.CreateActor<Server>();
        var returner = system.CreateActor<Returner>();
        (string, int)[] processes = context.Options.Multiproc
            ? [("A", ProcessOf(system, server)), ("B", ProcessOf(system, returner)), ("admin", lease.AdminProcessId),
               ("benchmark", Environment.ProcessId)]
            : [];
        lease.WaitUntilQuiet(hosts: 2 + WarmPool.Hosts);
        var serve = new Serve(n, returner);
        var cpu = new List<Dictionary<string, double>>();

        var samples = Runner.Measure(context.Options, () =>
        {
            var meter = processes.Length > 0 ? CpuMeter.Start(processes) : null;
            var sample = RunSample.Of(() =>
            {
                var done = Ask<Done>(system, server, serve);
                if (done.Count != n)
                {
                    throw new InvalidOperationException($"A counted {done.Count} round trips, not {n}.");
                }
            });
            if (meter is not null)
            {
                cpu.Add(meter.Stop());
            }

            return sample;
        });

        if (context.Options.Multiproc)
        {
            // UDP: at least 6× Python's UDP base (4.6k round trips/s on this machine kind; compare-python.sh runs it beside ours).
            var (goal, python) = context.Options.Udp
                ? (Goal.AtLeast(6 * PythonUdpRoundTrips, "≥ 6× Python's 4.6k (27.6k)"), "4.6k round trips/s")
                : (Goal.AtLeast(20e3, "≥ 20k round trips/s"), "1.8k round trips/s");
            context.Report("rate", $"ping-pong round trips, N={Count(n)}", samples.Select(s => s.Rate(n)), "round trips/s",
                           goal, python, note: "A and B in processes of their own: each round trip is two messages over two sockets");
            context.ReportCpu("rate", "round trip", cpu.TakeLast(context.Options.Repetitions).ToArray(), n);
            return;
        }

        context.Report("rate", $"ping-pong round trips, N={Count(n)}", samples.Select(s => s.Rate(n)), "round trips/s",
                       Goal.AtLeast(10e6, "≥ 10M round trips/s"), python: "196k round trips/s");
        context.Report("alloc", "  allocated per round trip", samples.Select(s => s.BytesEach(n)), "B/round trip");
    }
}
