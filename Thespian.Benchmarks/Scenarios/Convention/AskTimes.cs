using System.Diagnostics;
using Thespian.Benchmarks.Infrastructure;

namespace Thespian.Benchmarks.Scenarios.Convention;

/// <summary>
/// Ask round trips from one application to two echo actors (one on its own system, one on another system of the
/// convention), each ask timed on its own; after a warm-up, the two are measured in turn, once per repetition.
/// </summary>
internal static class AskTimes
{
    private const string Ping = "ping";

    /// <summary>Each repetition's ask times in µs, sorted, for the local and the remote actor.</summary>
    public static (double[][] Local, double[][] Remote) Measure(BenchmarkOptions options, ActorSystem system, ActorAddress local,
                                                               ActorAddress remote, int asks)
    {
        var timings = new double[asks];
        Runner.WarmUp(options, () =>
        {
            TimeEach(system, local, timings);
            TimeEach(system, remote, timings);
        });
        var localRuns = new List<double[]>();
        var remoteRuns = new List<double[]>();
        for (var rep = 0; rep < options.Repetitions; rep++)
        {
            Runner.Settle();
            TimeEach(system, local, timings);
            localRuns.Add(timings.Order().ToArray());
            TimeEach(system, remote, timings);
            remoteRuns.Add(timings.Order().ToArray());
        }

        return ([.. localRuns], [.. remoteRuns]);
    }

    private static void TimeEach(ActorSystem system, ActorAddress target, double[] timings)
    {
        for (var i = 0; i < timings.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var reply = system.Ask(target, Ping, ScenarioContext.AskTimeout);
            timings[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (reply is null)
            {
                throw new InvalidOperationException($"No reply from {target} to ask {i} within {ScenarioContext.AskTimeout.TotalSeconds:0} s.");
            }
        }
    }
}
