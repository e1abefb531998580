using System.Diagnostics;
using Thespian.Tests.Behaviour;

namespace Thespian.Tests.Multiproc;

/// <summary>Processes that die (an actor's, the admin's) and processes that must not outlive Shutdown.</summary>
public sealed class ProcessFailureTests : MultiprocFixture
{
    /// <summary>The bound the design promises for hosts noticing that their admin is gone.</summary>
    private static readonly TimeSpan HostsExitAfterAdminDies = TimeSpan.FromSeconds(5);

    [Test]
    public void ActorProcess_Killed_ParentGetsChildActorExitedAndLaterMessagesAreDeadLetters()
    {
        var system = StartSystem();
        var watcher = system.CreateActor<DeadLetterWatcher>();
        Assert.That(system.Ask(watcher, "register", Patience), Is.EqualTo("registered"));
        var parent = system.CreateActor<ParentActor>();
        var child = AskFor<ActorAddress>(system, parent, "make-child");
        var childPid = PidOf(system, child);
        var parentPid = PidOf(system, parent);

        Kill(childPid);

        var exited = ListenUntil<ChildExitSeen>(system);
        Assert.That(exited.Child, Is.EqualTo(child), "the parent was told its child exited");
        WaitForLogLine("the admin noticing the dead host", " WARN ", $"Actor host {childPid} exited unexpectedly", child.ToString());

        system.Tell(child, "after-death");

        var dead = ListenUntil<DeadLetterSeen>(system, d => Equals(d.DeadMessage, "after-death"));
        Assert.Multiple(() =>
        {
            Assert.That(dead.Handler, Is.EqualTo(watcher));
            Assert.That(dead.DeadMessage, Is.EqualTo("after-death"));
            Assert.That(dead.DeadAddress, Is.EqualTo(child));
            Assert.That(IsAlive(childPid), Is.False);
        });
        Assert.That(AskFor<int>(system, parent, "pid"), Is.EqualTo(parentPid), "the parent lives on");
    }

    [Test]
    public void Admin_Killed_EveryHostProcessExitsWithinFiveSeconds()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port);
        var parent = system.CreateActor<ParentActor>();
        var child = AskFor<ActorAddress>(system, parent, "make-child");
        var actor = system.CreateActor<PidActor>();
        var actorPids = new[] { PidOf(system, parent), PidOf(system, child), PidOf(system, actor) };
        var processes = TrackProcessesOf(system);
        var hosts = processes.HostProcessIds.Concat(SystemProcesses.OfAdminPort(port)).Concat(actorPids)
                             .Where(pid => pid != processes.AdminProcessId).Distinct().ToList();
        hosts.ForEach(Track);
        Assert.That(hosts, Is.SupersetOf(actorPids));
        Assert.That(SystemProcesses.OfAdminPort(port), Does.Contain(processes.AdminProcessId).And.SupersetOf(actorPids),
                    "the /proc scan sees the system's admin and hosts");

        Kill(processes.AdminProcessId);
        var sinceKill = Stopwatch.StartNew();

        var allGone = SpinWait.SpinUntil(() => hosts.All(pid => !IsAlive(pid)), HostsExitAfterAdminDies);
        var elapsed = sinceKill.Elapsed;
        var remaining = hosts.Where(IsAlive).ToArray();
        TestContext.Out.WriteLine($"{hosts.Count} hosts; all gone: {allGone}, {elapsed.TotalMilliseconds:0} ms after the admin was killed");
        Assert.That(allGone, Is.True,
                    $"every host gone within {HostsExitAfterAdminDies.TotalSeconds} s of the admin's death; after {elapsed.TotalSeconds:0.0} s " +
                    $"still running: [{string.Join(", ", remaining)}] of [{string.Join(", ", hosts)}]");
        Assert.That(SystemProcesses.OfAdminPort(port).Where(IsAlive), Is.Empty, "no process of the system is left");
    }

    [Test]
    public void Admin_SigTerm_ShutsTheSystemDownLikeStop()
    {
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends SIGTERM with kill(1)");
        var port = FreeAdminPort();
        var system = JoinSystem(port);
        var actor = system.CreateActor<ExitObserved>();
        Assert.That(system.Ask(actor, "observe", Patience), Is.EqualTo("observing"));
        var processes = TrackProcessesOf(system);
        var all = SystemProcesses.OfAdminPort(port).Concat(processes.HostProcessIds).Append(processes.AdminProcessId).Distinct().ToList();
        all.ForEach(Track);

        using (var kill = Process.Start("kill", ["-TERM", processes.AdminProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        Assert.That(system.Listen(Patience), Is.EqualTo("asked to exit"), "the actor was asked to exit, as on stop");
        Assert.That(SpinWait.SpinUntil(() => all.All(pid => !IsAlive(pid)), LongPatience), Is.True,
                    $"the admin and every host exit; still running: [{string.Join(", ", all.Where(IsAlive))}]");
        WaitForLogLine("the admin's shutdown", "The admin is shutting down");
    }

    [Test]
    public void Shutdown_ActorsChildrenAndTroupeWorkersRunning_NoProcessOfTheSystemRemains()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port);
        var parent = system.CreateActor<ParentActor>();
        var child = AskFor<ActorAddress>(system, parent, "make-child");
        var plain = system.CreateActor<PidActor>();
        var troupe = system.CreateActor<PidTroupeWorker>();
        for (var i = 0; i < 3; i++)
        {
            system.Tell(troupe, "busy-pid");
        }

        var workerPids = Enumerable.Range(0, 3).Select(_ => ListenFor<WorkerPid>(system).ProcessId).ToArray();
        var learnt = new List<int>(workerPids) { PidOf(system, parent), PidOf(system, child), PidOf(system, plain) };
        learnt.ForEach(Track);
        // Besides the actors' hosts: the troupe manager's host and the warm pool (two idle hosts) once it has refilled.
        Eventually(() => TrackProcessesOf(system).HostProcessIds.Except(learnt).Count() >= 3,
                   "the admin runs the troupe manager's host and warm pool hosts besides the actors' hosts");
        var processes = TrackProcessesOf(system);
        var everything = learnt.Concat(processes.HostProcessIds).Concat(SystemProcesses.OfAdminPort(port))
                               .Append(processes.AdminProcessId).Distinct().ToList();
        Assert.That(processes.HostProcessIds, Is.SupersetOf(learnt), "the admin lists every actor's host (children and workers too)");
        Assert.That(SystemProcesses.OfAdminPort(port), Does.Contain(processes.AdminProcessId).And.SupersetOf(learnt),
                    "the /proc scan sees the system's admin and hosts");

        system.Shutdown();

        MultiprocSupport.AssertAllExited(everything);
        Assert.That(SystemProcesses.OfAdminPort(port).Where(IsAlive), Is.Empty, "no process with this admin port on its command line");
    }
}
