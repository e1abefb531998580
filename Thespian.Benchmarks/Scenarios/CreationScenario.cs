using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (d) Actor creation: N children created from inside an actor, and N top-level actors created with
/// ActorSystem.CreateActor. Each repetition uses a fresh system (so that actors do not pile up) and
/// measures the creation rate, the live memory per actor (GC.GetTotalMemory(true) before and after,
/// the actors still alive), and the time the system then takes to shut down.
/// </summary>
internal sealed class CreationScenario : IScenario
{
    public string Name => "create";

    public string Title => "(d) actor creation: children from inside an actor, and top-level actors";

    public void Run(ScenarioContext context)
    {
        var n = context.Options.Actors;
        Report(context, "child", $"child actors created inside an actor, N={Count(n)}", n,
               Runner.Measure(context.Options, () => Create(context, n, CreateChildren)));
        Report(context, "toplevel", $"top-level actors via ActorSystem.CreateActor, N={Count(n)}", n,
               Runner.Measure(context.Options, () => Create(context, n, CreateTopLevel)));
    }

    // Each preparation runs in the new system before the measurement and returns the work to time.
    private static Action CreateChildren(ActorSystem system, int n)
    {
        var creator = system.CreateActor<Creator>();
        var message = new CreateChildren(n);
        return () => Ask<Done>(system, creator, message);
    }

    private static Action CreateTopLevel(ActorSystem system, int n)
    {
        system.CreateActor<Idle>();   // the system's first actor stays out of the timing, as the creator does above
        return () =>
        {
            for (var i = 0; i < n; i++)
            {
                system.CreateActor<Idle>();
            }
        };
    }

    private static CreationRun Create(ScenarioContext context, int n, Func<ActorSystem, int, Action> prepare)
    {
        var lease = context.StartSystem();
        RunSample creation;
        long bytes;
        try
        {
            var system = lease.System;
            var create = prepare(system, n);
            var before = GC.GetTotalMemory(forceFullCollection: true);
            creation = RunSample.Of(create);
            bytes = GC.GetTotalMemory(forceFullCollection: true) - before;
            GC.KeepAlive(system);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        var shutdownStart = Stopwatch.GetTimestamp();
        lease.Dispose();
        return new CreationRun(creation, (double)bytes / n, Stopwatch.GetElapsedTime(shutdownStart));
    }

    private static void Report(ScenarioContext context, string key, string name, int n, IReadOnlyList<CreationRun> runs)
    {
        context.Report($"{key}.rate", name, runs.Select(r => r.Creation.Rate(n)), "actors/s");
        context.Report($"{key}.memory", "  live memory per actor", runs.Select(r => r.BytesPerActor), "B/actor",
                       note: "GC.GetTotalMemory(true) after − before, ÷ N, with the actors alive");
        context.Report($"{key}.alloc", "  allocated per actor", runs.Select(r => r.Creation.BytesEach(n)), "B/actor");
        context.Report($"{key}.shutdown", $"  shutdown of the system with {Count(n)} actors",
                       runs.Select(r => r.Shutdown.TotalMilliseconds), "ms");
    }

    private readonly record struct CreationRun(RunSample Creation, double BytesPerActor, TimeSpan Shutdown);
}
