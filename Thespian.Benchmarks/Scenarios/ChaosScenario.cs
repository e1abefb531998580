using System.Diagnostics;
using Thespian.Benchmarks.Actors;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Tests.Multiproc.Chaos;

namespace Thespian.Benchmarks.Scenarios;

/// <summary>
/// Exact accounting under faults (multiproc, only when named): targets under sustained load have their processes killed
/// with SIGKILL at random, again and again, each replaced by a new one; every message carries an id, and at the end each
/// accepted message is counted as handled (recorded by a ledger actor that is never killed), poisoned (returned as
/// <see cref="PoisonMessage"/>), dead-lettered (the ledger is the dead-letter handler) or missing. Then the admin is killed
/// with SIGKILL and every host process must be gone within 5 s: any left are orphans.
/// </summary>
internal sealed class ChaosScenario : IScenario
{
    private const int Targets = 4;
    private const int PoisonEvery = 97;
    private static readonly TimeSpan KillEvery = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan AccountingPatience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HostsExitAfterAdminDies = TimeSpan.FromSeconds(5);

    public string Name => "chaos";

    public string Title => "Faults: actor processes SIGKILLed under load, every message accounted for; then the admin SIGKILLed";

    public void Run(ScenarioContext context)
    {
        var duration = TimeSpan.FromSeconds(context.Options.Quick ? 10 : 40);
        using var lease = context.StartSystem();
        var system = lease.System;
        using var control = system.Private();
        var ledger = system.CreateActor<ChaosLedger>();
        _ = ScenarioContext.Ask<string>(control, ledger, "register");
        var random = new Random(20261207);
        var pool = Enumerable.Range(0, Targets).Select(_ => StartTarget(system, control)).ToList();
        var known = new HashSet<int>(pool.Select(p => p.ProcessId));
        var sent = new HashSet<long>();
        var poisoned = new HashSet<long>();
        var faults = 0;
        var run = Stopwatch.StartNew();
        var sinceKill = Stopwatch.StartNew();
        long id = 0;
        while (run.Elapsed < duration)
        {
            id++;
            system.Tell(pool[(int)(id % Targets)].Address, new ChaosWork(id, ledger, Poison: id % PoisonEvery == 0));
            sent.Add(id);
            if (id % 50 == 0)
            {
                Thread.Sleep(1);
            }

            if (sinceKill.Elapsed >= KillEvery)
            {
                var victim = random.Next(Targets);
                using (var process = Process.GetProcessById(pool[victim].ProcessId))
                {
                    process.Kill();
                }

                faults++;
                pool[victim] = StartTarget(system, control);
                known.Add(pool[victim].ProcessId);
                sinceKill.Restart();
            }

            Drain(system, poisoned, TimeSpan.Zero);
        }

        var tally = WaitForAccounts(system, control, ledger, sent, poisoned);
        var handled = tally.Handled.ToHashSet();
        var dead = tally.DeadLettered.ToHashSet();
        var missingIds = sent.Where(i => !handled.Contains(i) && !dead.Contains(i) && !poisoned.Contains(i)).ToList();
        var missing = missingIds.Count;
        if (missing > 0)
        {
            // What the missing were (a poisoned one's PoisonMessage, or a handled one's record, lost with its process).
            Console.WriteLine($"  missing ids (first 20; poisoned ones are multiples of {PoisonEvery}): " +
                              string.Join(", ", missingIds.Take(20)));
        }

        var both = handled.Count(dead.Contains);

        known.UnionWith(lease.LearnProcesses());
        lease.KillAdmin();
        var sinceAdminKill = Stopwatch.StartNew();
        _ = SpinWait.SpinUntil(() => known.All(pid => !Thespian.Multiproc.ProcessLiveness.IsAlive(pid)), HostsExitAfterAdminDies);
        var gone = sinceAdminKill.Elapsed.TotalMilliseconds;
        var orphans = known.Count(Thespian.Multiproc.ProcessLiveness.IsAlive);

        Report(context, "faults", "Actor processes killed (SIGKILL)", faults, "kills");
        Report(context, "sent", "Messages sent", sent.Count, "msgs");
        Report(context, "handled", "  handled", handled.Count, "msgs");
        Report(context, "poisoned", "  returned as PoisonMessage", poisoned.Count, "msgs");
        Report(context, "dead", "  dead-lettered", dead.Count, "msgs");
        Report(context, "missing", "  missing (must be 0)", missing, "msgs");
        Report(context, "both", "  handled and also dead-lettered (at least once)", both, "msgs");
        Report(context, "admin.gone", "Admin SIGKILLed: every host gone after", gone, "ms");
        Report(context, "orphans", "  hosts left 5 s after the admin died (must be 0)", orphans, "processes");
    }

    private static void Report(ScenarioContext context, string key, string name, double value, string unit) =>
        context.Report(key, name, [value], unit);

    private static (ActorAddress Address, int ProcessId) StartTarget(ActorSystem system, ActorSystem control)
    {
        var target = system.CreateActor<ChaosTarget>();
        return (target, ScenarioContext.Ask<int>(control, target, "pid"));
    }

    private static void Drain(ActorSystem system, HashSet<long> poisoned, TimeSpan wait)
    {
        while (system.Listen(wait) is { } message)
        {
            if (message is PoisonMessage { Message: ChaosWork work })
            {
                poisoned.Add(work.Id);
            }
        }
    }

    private static ChaosTally WaitForAccounts(ActorSystem system, ActorSystem control, ActorAddress ledger, HashSet<long> sent,
                                              HashSet<long> poisoned)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Drain(system, poisoned, TimeSpan.FromMilliseconds(200));
            var tally = ScenarioContext.Ask<ChaosTally>(control, ledger, "tally");
            var accounted = new HashSet<long>(poisoned);
            accounted.UnionWith(tally.Handled);
            accounted.UnionWith(tally.DeadLettered);
            if (sent.IsSubsetOf(accounted) || deadline.Elapsed > AccountingPatience)
            {
                return tally;
            }
        }
    }
}
