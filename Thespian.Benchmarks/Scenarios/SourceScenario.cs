using System.Diagnostics;
using System.Runtime.CompilerServices;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Tests.Sources.Support;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (s) actor sources: the time from LoadActorSource until the validated source is usable (the authority's
/// round trip and the load), CreateActor from a source against CreateActor from the actor path, and — on the
/// simple base, where the context lives in this process — the time from the last actor's exit of an unloaded
/// source until its load context has been collected. Each source is a real zip of a Roslyn-built assembly (the
/// test sources' greeter), compiled before anything is timed.
/// </summary>
internal sealed class SourceScenario : IScenario
{
    public string Name => "sources";

    public string Title => "(s) actor sources: load + validate, create from a source, unload + collect";

    public void Run(ScenarioContext context)
    {
        var count = context.Options.Sources;
        // The test sources' greeter, one version per source ("version" and "context" are what is used here).
        var zips = Enumerable.Range(0, count + 1).Select(v => TestSources.Greeter($"bench-{v}")).ToArray();
        using var lease = context.StartSystem();
        var system = lease.System;
        var authority = system.CreateActor<UnsafeDevelopmentSourceAuthority>();
        _ = ScenarioContext.Ask<SourceAuthorityReady>(system, authority, "register");
        var watcher = system.CreateActor<SourceWatcher>();
        _ = ScenarioContext.Ask<string>(system, watcher, "watch");
        _ = LoadAndWait(system, zips[count]);

        var loads = new List<double>();
        var hashes = new List<string>();
        foreach (var zip in zips.Take(count))
        {
            var start = Stopwatch.GetTimestamp();
            hashes.Add(LoadAndWait(system, zip));
            loads.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var fromSource = new List<double>();
        var fromPath = new List<double>();
        var actors = new List<ActorAddress>();
        var multiproc = context.Options.Multiproc;
        foreach (var hash in hashes)
        {
            // Multiproc: each create from a rested system with its warm pool refilled (as the create scenario).
            Rest(lease, multiproc);
            var start = Stopwatch.GetTimestamp();
            var actor = system.CreateActor(TestSources.GreeterType, sourceHash: hash);
            fromSource.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            _ = ScenarioContext.Ask<string>(system, actor, "version");
            actors.Add(actor);
            if (multiproc)
            {
                // Its process ends; the simple base keeps it for the collection figure below.
                system.Tell(actor, new ActorExitRequest());
            }

            Rest(lease, multiproc);
            start = Stopwatch.GetTimestamp();
            var plain = system.CreateActor<Idle>();
            fromPath.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            system.Tell(plain, new ActorExitRequest());
        }

        context.Report("load", $"LoadActorSource until usable (authority round trip + load), {count} sources of {zips[0].Length / 1024} KiB",
                       loads, "ms");
        context.Report("create", "  CreateActor from a source (a new source each time), median", fromSource, "ms");
        context.Report("create.path", "  CreateActor from the actor path (same system, for comparison), median", fromPath, "ms");
        if (!context.Options.Multiproc)
        {
            // The watcher would report each unload to this endpoint, where the context's answer is awaited.
            system.Tell(watcher, new ActorExitRequest());
            context.Report("collect", "  unload + last actor's exit until its context is collected", UnloadAndCollect(system, hashes, actors),
                           "ms", note: "GC.Collect until a WeakReference to the context is dead");
        }
    }

    /// <summary>Multiproc: waits until only the authority's and the watcher's hosts run beside a full warm pool.</summary>
    private static void Rest(SystemLease lease, bool multiproc)
    {
        if (multiproc)
        {
            lease.WaitUntilQuiet(hosts: WarmPool.Hosts + 2);
        }
    }

    /// <summary>Loads a source and waits for the watcher's report that it is usable.</summary>
    private static string LoadAndWait(ActorSystem system, byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        var hash = system.LoadActorSource(stream);
        return system.Listen(ScenarioContext.AskTimeout) is string report && report.StartsWith("loaded " + hash, StringComparison.Ordinal)
            ? hash
            : throw new InvalidOperationException($"The source {hash} was not reported loaded.");
    }

    private static List<double> UnloadAndCollect(ActorSystem system, List<string> hashes, List<ActorAddress> actors)
    {
        var times = new List<double>();
        for (var i = 0; i < hashes.Count; i++)
        {
            var context = ContextOf(system, actors[i]);
            system.UnloadActorSource(hashes[i]);
            var start = Stopwatch.GetTimestamp();
            system.Tell(actors[i], new ActorExitRequest());
            for (var attempt = 0; attempt < 100 && context.IsAlive; attempt++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            times.Add(context.IsAlive ? double.NaN : Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ContextOf(ActorSystem system, ActorAddress actor) =>
        ScenarioContext.Ask<WeakReference>(system, actor, "context");
}
