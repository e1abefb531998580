namespace Thespian.Tests.Multiproc;

/// <summary>
/// Two application processes on one system: the admin outlives the process that started it, and a named
/// actor is the same actor from any process. The second process is Thespian.Tests.Peer (see <see cref="PeerProcess"/>).
/// </summary>
public sealed class SecondProcessTests : MultiprocFixture
{
    [Test]
    public void Admin_StarterProcessExitsWithoutShutdown_AdminKeepsServingAnotherProcess()
    {
        var port = FreeAdminPort();

        var peer = RunPeer(port, "start");

        Assert.That(peer.ExitCode, Is.Zero, peer.ToString());
        Assert.That(IsAlive(peer.ProcessId), Is.False, "the starter process has exited");
        var system = JoinSystem(port);
        var processes = TrackProcessesOf(system);
        Assert.Multiple(() =>
        {
            Assert.That(processes.AdminProcessId, Is.Not.EqualTo(peer.ProcessId), "the admin is a process of its own");
            Assert.That(IsAlive(processes.AdminProcessId), Is.True, "the admin outlived its starter");
            Assert.That(system.SystemAddress.ToString(), Is.EqualTo(peer.Value("system")), "the test joined the admin the peer started");
        });
        WaitForLogLine("the admin the peer started", "Admin listening on", $"(pid {processes.AdminProcessId})");

        var actor = system.CreateActor<PidActor>();
        var actorPid = PidOf(system, actor);

        Assert.That(actorPid, Is.Not.EqualTo(processes.AdminProcessId).And.Not.EqualTo(Environment.ProcessId));
        system.Shutdown();
        MultiprocSupport.AssertAllExited([processes.AdminProcessId, .. processes.HostProcessIds, actorPid]);
    }

    [Test]
    public void CreateActor_SameGlobalNameFromAnotherProcess_ReachesTheSameActorAndState()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port);
        var shared = system.CreateActor<StateActor>(globalName: "shared");
        Assert.That(system.Ask(shared, "set:forty-two", Patience), Is.EqualTo("ok"));
        var expected = AskFor<string>(system, shared, "get");

        var peer = RunPeer(port, "ask-named", typeof(StateActor).FullName!, "shared", "get");

        Assert.Multiple(() =>
        {
            Assert.That(peer.ExitCode, Is.Zero, peer.ToString());
            Assert.That(peer.Value("address"), Is.EqualTo(shared.ToString()), "the peer got the same address");
            Assert.That(peer.Value("answer"), Is.EqualTo(expected), "the peer reached the same actor, with its state");
            Assert.That(expected, Does.StartWith("state=forty-two;"));
        });
        Assert.That(system.Ask(shared, "get", Patience), Is.EqualTo(expected), "the named actor is still the same one");
    }

    [Test]
    public void CreateActor_GlobalNameCreatedByAnExitedProcess_TheActorAndItsStateRemain()
    {
        var port = FreeAdminPort();
        var system = JoinSystem(port);

        var peer = RunPeer(port, "ask-named", typeof(StateActor).FullName!, "made-by-peer", "set:from-the-peer");
        var named = system.CreateActor<StateActor>(globalName: "made-by-peer");

        Assert.Multiple(() =>
        {
            Assert.That(peer.ExitCode, Is.Zero, peer.ToString());
            Assert.That(peer.Value("answer"), Is.EqualTo("ok"));
            Assert.That(named.ToString(), Is.EqualTo(peer.Value("address")), "the test got the actor the peer created");
        });
        var state = AskFor<string>(system, named, "get");
        Assert.That(state, Does.StartWith("state=from-the-peer;"));
        Track(int.Parse(state[(state.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
