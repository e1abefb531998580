using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// Troupe churn (multiproc, only when named): over one run of work — waves of jobs with short pauses between them — how
/// many distinct worker processes a troupe of MaxCount 10 and one of MaxCount 3 use, with spare idle workers retired at
/// once (IdleGraceSeconds 0, as before the grace existed) and after the default grace of 2 s. Each dismissed worker costs
/// a process, and the next work pays for a create.
/// </summary>
internal sealed class TroupeChurnScenario : IScenario
{
    private const int Waves = 6;
    private const int JobsPerWave = 12;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    public string Name => "troupe";

    public string Title => "Troupe churn: distinct worker processes over one run of work, grace 0 vs the default";

    public void Run(ScenarioContext context)
    {
        using var lease = context.StartSystem();
        var system = lease.System;
        foreach (var (type, label) in new[] { (typeof(TenWorkerTroupe), "max10"), (typeof(ThreeWorkerTroupe), "max3") })
        {
            foreach (var grace in new double?[] { 0, null })
            {
                var processes = RunOfWork(system, type, grace);
                var graceName = grace is null ? $"default grace {TroupeAttribute.DefaultIdleGraceSeconds:0} s" : "grace 0 (retire at once)";
                context.Report($"{label}.{(grace is null ? "grace" : "nograce")}",
                               $"Troupe MaxCount {(label == "max10" ? 10 : 3)}, {graceName}: distinct worker processes",
                               [processes], "processes", note: $"{Waves} waves of {JobsPerWave} jobs of 20 ms, {Pause.TotalMilliseconds:0} ms apart");
            }
        }
    }

    private static int RunOfWork(ActorSystem system, Type troupeType, double? grace)
    {
        var troupe = system.CreateActor(troupeType);
        if (grace is { } seconds)
        {
            _ = ScenarioContext.Ask<UpdateTroupeSettings>(system, troupe, new UpdateTroupeSettings { IdleGraceSeconds = seconds });
        }

        var processes = new HashSet<int>();
        var id = 0;
        for (var wave = 0; wave < Waves; wave++)
        {
            for (var i = 0; i < JobsPerWave; i++)
            {
                system.Tell(troupe, new TroupeJob(++id));
            }

            for (var i = 0; i < JobsPerWave; i++)
            {
                var done = system.Listen(ScenarioContext.AskTimeout) as TroupeJobDone
                           ?? throw new InvalidOperationException("A troupe job was not done in time.");
                processes.Add(done.ProcessId);
            }

            Thread.Sleep(Pause);
        }

        system.Tell(troupe, new ActorExitRequest());
        return processes.Count;
    }
}
