namespace Thespian.Tests.Multiproc;

/// <summary>Every actor — top-level, child, troupe worker — runs in an OS process of its own.</summary>
public sealed class ProcessPerActorTests : MultiprocFixture
{
    [Test]
    public void CreateActor_SeveralActors_EachReportsAProcessOfItsOwn()
    {
        var system = StartSystem();
        var actors = Enumerable.Range(0, 3).Select(_ => system.CreateActor<PidActor>()).ToArray();

        var pids = actors.Select(a => PidOf(system, a)).ToArray();
        var processes = TrackProcessesOf(system);

        Assert.Multiple(() =>
        {
            Assert.That(pids, Is.Unique, "each actor's process id");
            Assert.That(pids, Has.None.EqualTo(processes.AdminProcessId), "no actor runs in the admin");
            Assert.That(pids, Has.None.EqualTo(Environment.ProcessId), "no actor runs in the test process");
            Assert.That(processes.HostProcessIds, Is.SupersetOf(pids), "every actor's process is a host the admin runs");
        });
    }

    [Test]
    public void CreateActor_ChildOfAnActor_RunsInYetAnotherProcess()
    {
        var system = StartSystem();
        var parent = system.CreateActor<ParentActor>();
        var sibling = system.CreateActor<PidActor>();

        var child = AskFor<ActorAddress>(system, parent, "make-child");
        var parentPid = PidOf(system, parent);
        var siblingPid = PidOf(system, sibling);
        var childPid = PidOf(system, child);
        var processes = TrackProcessesOf(system);

        Assert.Multiple(() =>
        {
            Assert.That(childPid, Is.Not.EqualTo(parentPid), "the child is not in its parent's process");
            Assert.That(childPid, Is.Not.EqualTo(siblingPid), "the child is not in another actor's process");
            Assert.That(new[] { parentPid, siblingPid, childPid }, Has.None.EqualTo(processes.AdminProcessId));
            Assert.That(new[] { parentPid, siblingPid, childPid }, Has.None.EqualTo(Environment.ProcessId));
            Assert.That(processes.HostProcessIds, Does.Contain(childPid), "the child's process is a host the admin runs");
        });
    }

    [Test]
    public void Troupe_WorkersKeptBusy_EachWorkerInItsOwnProcess()
    {
        var system = StartSystem();
        var troupe = system.CreateActor<PidTroupeWorker>();
        var other = system.CreateActor<PidActor>();

        for (var i = 0; i < 3; i++)
        {
            system.Tell(troupe, "busy-pid");
        }

        var workers = Enumerable.Range(0, 3).Select(_ => ListenFor<WorkerPid>(system)).ToArray();
        foreach (var worker in workers)
        {
            Track(worker.ProcessId);
        }

        var otherPid = PidOf(system, other);
        var processes = TrackProcessesOf(system);
        var workerPids = workers.Select(w => w.ProcessId).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(workers.Select(w => w.Worker), Is.Unique, "three distinct workers took the busy work");
            Assert.That(workers.Select(w => w.Worker), Has.None.EqualTo(troupe), "workers are not the troupe's own address");
            Assert.That(workerPids, Is.Unique, "each worker's process id");
            Assert.That(workerPids, Has.None.EqualTo(otherPid));
            Assert.That(workerPids, Has.None.EqualTo(processes.AdminProcessId));
            Assert.That(workerPids, Has.None.EqualTo(Environment.ProcessId));
            Assert.That(processes.HostProcessIds, Is.SupersetOf(workerPids), "every worker's process is a host the admin runs");
        });
    }

    /// <summary>
    /// What every actor process would otherwise carry without using it: OpenSSL (addresses draw their random
    /// bytes from the kernel instead) and System.Data and System.Xml (which Newtonsoft's built-in converters
    /// would load to test each new contract's type; see BuiltInConverterGuards).
    /// </summary>
    [Test]
    [Platform("Linux")]
    public void CreateActor_ActorProcessAndAdmin_LoadNeitherOpenSslNorSystemData()
    {
        var system = StartSystem();
        var actor = system.CreateActor<PidActor>();
        var actorPid = PidOf(system, actor);
        var processes = TrackProcessesOf(system);

        var actorMaps = File.ReadAllText($"/proc/{actorPid}/maps");
        var adminMaps = File.ReadAllText($"/proc/{processes.AdminProcessId}/maps");

        Assert.Multiple(() =>
        {
            foreach (var library in new[] { "libcrypto", "System.Data.Common.dll", "System.Private.Xml.dll" })
            {
                Assert.That(actorMaps, Does.Not.Contain(library), "the actor's process");
                Assert.That(adminMaps, Does.Not.Contain(library), "the admin");
            }
        });
    }
}
