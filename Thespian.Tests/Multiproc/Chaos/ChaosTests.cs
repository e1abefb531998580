using System.Diagnostics;
using Thespian.Tests.Behaviour;

namespace Thespian.Tests.Multiproc.Chaos;

/// <summary>
/// Exact accounting under faults: actors under sustained load have their processes killed (SIGKILL) at random, again and
/// again, and every accepted message is accounted for — handled, returned as <see cref="PoisonMessage"/>, or given to a
/// dead-letter handler; none missing. Also: the admin killed takes every host with it within 5 s, and a host sent
/// SIGTERM asks its actor to exit before it ends.
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class ChaosTests(string systemBase) : MultiprocFixture
{
    private const int Targets = 4;
    private const int Messages = 12_000;
    private const int PoisonEvery = 97;
    /// <summary>
    /// Processes killed over the run, one after each equal share of the messages (by count, not by time, so that a fast
    /// machine sees as many faults as a slow one).
    /// </summary>
    private const int Faults = 6;
    private const int KillEvery = Messages / (Faults + 1);
    private static readonly TimeSpan HostsExitAfterAdminDies = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override string SystemBaseName => systemBase;

    [Test]
    public void Load_TargetsKilledAtRandom_EveryAcceptedMessageIsAccountedFor()
    {
        var system = StartSystem(new Dictionary<string, object?> { ["UDP Peer Timeout Seconds"] = 2 });
        using var control = system.Private();
        var ledger = system.CreateActor<ChaosLedger>();
        Assert.That(control.Ask(ledger, "register", Patience), Is.EqualTo("registered"));
        var random = new Random(20261207);
        var pool = Enumerable.Range(0, Targets).Select(_ => StartTarget(system, control)).ToList();
        var sent = new HashSet<long>();
        var poisoned = new HashSet<long>();
        var faults = 0;

        for (long id = 1; id <= Messages; id++)
        {
            var slot = (int)(id % Targets);
            system.Tell(pool[slot].Address, new ChaosWork(id, ledger, Poison: id % PoisonEvery == 0));
            sent.Add(id);
            if (id % 50 == 0)
            {
                Thread.Sleep(1);   // sustained, not a flood: the point is the faults
            }

            if (id % KillEvery == 0 && faults < Faults)
            {
                var victim = random.Next(Targets);
                Kill(pool[victim].ProcessId);
                faults++;
                pool[victim] = StartTarget(system, control);
            }

            DrainPoison(system, poisoned, TimeSpan.Zero);
        }

        var tally = WaitForAccounts(system, control, ledger, sent, poisoned);
        var handled = tally.Handled.ToHashSet();
        var dead = tally.DeadLettered.ToHashSet();
        var missing = sent.Where(id => !handled.Contains(id) && !dead.Contains(id) && !poisoned.Contains(id)).ToList();
        var both = handled.Count(dead.Contains);
        TestContext.Out.WriteLine(
            $"{systemBase}: faults={faults} sent={sent.Count} handled={handled.Count} poisoned={poisoned.Count} " +
            $"dead-lettered={dead.Count} missing={missing.Count} handled-and-dead-lettered={both}");
        Assert.Multiple(() =>
        {
            Assert.That(faults, Is.EqualTo(Faults), "processes were killed while messages were in flight");
            Assert.That(missing, Is.Empty, "every accepted message was handled, poisoned or dead-lettered; missing (id, slot): " +
                                           string.Join(", ", missing.Take(20).Select(id => $"{id} ({id % Targets})")));
            Assert.That(poisoned.All(id => id % PoisonEvery == 0), Is.True, "only poisoned work came back as poison");
        });
    }

    [Test]
    public void Admin_Killed_EveryHostProcessExitsWithinFiveSeconds()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port);
        using var control = system.Private();
        var pids = Enumerable.Range(0, 3).Select(_ => StartTarget(system, control).ProcessId).ToList();
        var processes = TrackProcessesOf(system);
        var hosts = processes.HostProcessIds.Concat(SystemProcesses.OfAdminPort(port)).Concat(pids)
                             .Where(pid => pid != processes.AdminProcessId).Distinct().ToList();

        Kill(processes.AdminProcessId);
        var sinceKill = Stopwatch.StartNew();

        var allGone = SpinWait.SpinUntil(() => hosts.All(pid => !IsAlive(pid)), HostsExitAfterAdminDies);
        TestContext.Out.WriteLine($"{systemBase}: {hosts.Count} hosts; all gone: {allGone} after {sinceKill.ElapsedMilliseconds} ms");
        Assert.That(allGone, Is.True, $"every host gone within {HostsExitAfterAdminDies.TotalSeconds} s; still running: " +
                                      $"[{string.Join(", ", hosts.Where(IsAlive))}]");
        Assert.That(SystemProcesses.OfAdminPort(port).Where(IsAlive), Is.Empty, "no orphan process of the system");
    }

    [Test]
    public void Host_SigTerm_ItsActorGetsActorExitRequestBeforeItEnds()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM with kill(1)");
        var system = StartSystem();
        var actor = system.CreateActor<ExitObserved>();
        Assert.That(system.Ask(actor, "observe", Patience), Is.EqualTo("observing"));
        var pid = AskFor<int>(system, actor, "pid");
        Track(pid);

        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.That(system.Listen(Patience), Is.EqualTo("asked to exit"), "the actor got ActorExitRequest");
        Eventually(() => !IsAlive(pid), "the host ends after its actor stopped");
        WaitForLogLine("the host's SIGTERM", $"Actor host {pid} got SIGTERM");
    }

    private (ActorAddress Address, int ProcessId) StartTarget(ActorSystem system, ActorSystem control)
    {
        var target = system.CreateActor<ChaosTarget>();
        var pid = (int)control.Ask(target, "pid", Patience)!;
        Track(pid);
        return (target, pid);
    }

    private static void DrainPoison(ActorSystem system, HashSet<long> poisoned, TimeSpan wait)
    {
        while (system.Listen(wait) is { } message)
        {
            if (message is PoisonMessage { Message: ChaosWork work })
            {
                poisoned.Add(work.Id);
            }
        }
    }

    /// <summary>Polls the ledger (draining returned poison meanwhile) until nothing is missing or the patience runs out.</summary>
    private static ChaosTally WaitForAccounts(ActorSystem system, ActorSystem control, ActorAddress ledger, HashSet<long> sent,
                                             HashSet<long> poisoned)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            DrainPoison(system, poisoned, TimeSpan.FromMilliseconds(200));
            var tally = (ChaosTally)control.Ask(ledger, "tally", Patience)!;
            var accounted = new HashSet<long>(poisoned);
            accounted.UnionWith(tally.Handled);
            accounted.UnionWith(tally.DeadLettered);
            if (sent.IsSubsetOf(accounted) || DateTime.UtcNow > deadline)
            {
                return tally;
            }
        }
    }
}
