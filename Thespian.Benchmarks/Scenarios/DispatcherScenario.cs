using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using Thespian.Runtime;
using static Thespian.Benchmarks.Infrastructure.ScenarioContext;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// (e) What <see cref="ActorTypeDispatcher"/> costs per message. Through the system: N ticks to a
/// dispatcher and to a plain actor with a <c>switch</c> doing the same work (runs interleaved); the
/// difference is the dispatcher's cost. Then, without a system (this part uses internals):
/// <see cref="DispatchTable.Lookup"/> with a warm cache, and ReceiveMessage called directly with the
/// per-instance last-type cache hitting and missing.
/// </summary>
internal sealed class DispatcherScenario : IScenario
{
    public string Name => "dispatch";

    public string Title => "(e) dispatcher cost: ActorTypeDispatcher vs a switch, DispatchTable lookups";

    public void Run(ScenarioContext context)
    {
        ThroughSystem(context);
        Micro(context);
    }

    private static void ThroughSystem(ScenarioContext context)
    {
        var options = context.Options;
        var n = options.DispatchMessages;
        using var lease = context.StartSystem();
        var system = lease.System;
        var sender = system.CreateActor<TickSender>();
        var toSwitch = new Go(n, system.CreateActor<SwitchCounter>());
        var toDispatcher = new Go(n, system.CreateActor<DispatchingCounter>());

        var runs = Runner.Measure(options, () =>
        {
            var plain = RunSample.Of(() => Ask<Done>(system, sender, toSwitch));
            var dispatched = RunSample.Of(() => Ask<Done>(system, sender, toDispatcher));
            return (Plain: plain.NanosecondsEach(n), Dispatched: dispatched.NanosecondsEach(n));
        });

        context.Report("system.switch", $"plain Actor with a switch, {Count(n)} msgs via the system", runs.Select(r => r.Plain), "ns/msg");
        context.Report("system.dispatcher", $"ActorTypeDispatcher, {Count(n)} msgs via the system", runs.Select(r => r.Dispatched), "ns/msg");
        context.Report("system.cost", "  dispatcher cost (difference)", runs.Select(r => r.Dispatched - r.Plain), "ns/msg",
                       note: "median of the per-repetition differences");
    }

    private static void Micro(ScenarioContext context)
    {
        var options = context.Options;
        var n = options.MicroIterations;
        var table = DispatchTable.For(typeof(DispatchingCounter));
        table.Lookup(typeof(Tick));   // the cache is warm: every lookup below is a hit

        context.Report("lookup", "DispatchTable.Lookup, cache hit",
                       Runner.Measure(options, () => RunSample.Of(() => Lookups(table, n))).Select(s => s.NanosecondsEach(n)),
                       "ns/lookup", Goal.AtMost(50, "≤ 50 ns"));

        var sender = ActorAddress.CreateNew();
        object[] same = [Tick.Instance, Tick.Instance];
        object[] alternating = [Tick.Instance, Tock.Instance];
        Report<HitLoop>(context, "direct.hit", "ActorTypeDispatcher.ReceiveMessage direct, same type (last-type cache hit)",
                        new MicroDispatcher(), same, sender, n);
        Report<MissLoop>(context, "direct.miss", "ActorTypeDispatcher.ReceiveMessage direct, alternating types (cache miss → Lookup)",
                         new MicroDispatcher(), alternating, sender, n);
        Report<SwitchLoop>(context, "direct.switch", "plain Actor.ReceiveMessage direct, switch, alternating types",
                           new MicroSwitch(), alternating, sender, n);
    }

    private static void Report<TLoop>(ScenarioContext context, string key, string name, Actor actor, object[] messages,
                                      ActorAddress sender, int n)
        where TLoop : struct
    {
        var samples = Runner.Measure(context.Options, () => RunSample.Of(() => Deliver<TLoop>(actor, messages, sender, n)));
        context.Report(key, name, samples.Select(s => s.NanosecondsEach(n)), "ns/msg",
                       note: "an instance made with new, called through Actor in a loop (no system, no cell)");
    }

    private static void Lookups(DispatchTable table, int n)
    {
        var type = typeof(Tick);
        var sum = 0L;
        for (var i = 0; i < n; i++)
        {
            sum += table.Lookup(type).Length;
        }

        Sink.Consume(sum);
    }

    /// <summary>
    /// Calls ReceiveMessage n times. <typeparamref name="TLoop"/> only gives each measurement its own compiled
    /// copy of this loop (a value-type argument is not shared), so that dynamic PGO profiles one actor type
    /// per copy instead of mixing them.
    /// </summary>
    private static void Deliver<TLoop>(Actor actor, object[] messages, ActorAddress sender, int n)
        where TLoop : struct
    {
        for (var i = 0; i < n; i++)
        {
            actor.ReceiveMessage(messages[i & 1], sender);
        }
    }

    private struct HitLoop;

    private struct MissLoop;

    private struct SwitchLoop;
}
