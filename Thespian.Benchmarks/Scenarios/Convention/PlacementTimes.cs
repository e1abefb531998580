using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;

namespace Thespian.Benchmarks.Scenarios.Convention;

/// <summary>
/// CreateActor from a leader's application: of an actor the leader runs itself, and of a <see cref="DogEcho"/>, which the
/// leader's capabilities refuse and which it places on a member whose capabilities pass. One create at a time, local and
/// remote in turn, every system of the convention at rest (warm pool refilled) before each; every actor is asked to exit
/// right after its create is timed.
/// </summary>
internal static class PlacementTimes
{
    private const int WarmUpCreates = 3;

    /// <summary>Each create's milliseconds, in order: local ones, and remote (placed) ones.</summary>
    public static (double[] Local, double[] Remote) Measure(ConventionGroup group, ActorSystem leader, int creates)
    {
        var local = new List<double>();
        var remote = new List<double>();
        for (var i = -WarmUpCreates; i < creates; i++)
        {
            group.WaitUntilQuiet();
            var localMs = TimeCreate(leader, static s => s.CreateActor<ProcessIdle>());
            group.WaitUntilQuiet();
            var remoteMs = TimeCreate(leader, static s => s.CreateActor<DogEcho>());
            if (i >= 0)
            {
                local.Add(localMs);
                remote.Add(remoteMs);
            }
        }

        return ([.. local], [.. remote]);
    }

    private static double TimeCreate(ActorSystem system, Func<ActorSystem, ActorAddress> create)
    {
        var start = Stopwatch.GetTimestamp();
        var actor = create(system);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        system.Tell(actor, new ActorExitRequest());
        return elapsed;
    }
}
