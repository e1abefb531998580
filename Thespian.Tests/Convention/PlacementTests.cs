namespace Thespian.Tests.Convention;

/// <summary>
/// A create this system's capabilities refuse runs on a system of the convention whose capabilities pass — from the
/// application or from an actor — spread over the compatible systems (fewest placed first, where Python always picks
/// the first); messages then go straight to the actor's process there. None compatible anywhere: the usual
/// <see cref="NoCompatibleSystemForActorException"/>. The parent hears when the remote actor exits or its system is lost
/// (Python's test_manyActorSystems and test_multipleActorSystems).
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class PlacementTests(string systemBase) : ConventionFixture(systemBase)
{
    private static readonly Dictionary<string, object?> Dog = new() { ["dog"] = true };

    [Test]
    public void ACreateRefusedHere_RunsOnACompatibleMember_AndAnswersFromThere()
    {
        var (leader, _, members) = StartConvention(null, Dog);
        var member = members[0];

        var dog = leader.CreateActor<DogActor>();

        Assert.That(leader.Ask(dog, "woof", Patience), Is.EqualTo("woof"));
        var pid = PidOf(leader, dog);
        Assert.That(ProcessesOfSystem(member), Does.Contain(pid), "the actor runs in a process of the member");
        Assert.That(StatusOf(leader).ActorCount, Is.EqualTo(1), "the leader keeps a record of the actor it placed");
    }

    [Test]
    public void ACreateFromAnActor_RunsOnACompatibleMember_AndItsExitReachesTheParent()
    {
        var (leader, _, members) = StartConvention(null, Dog);
        var member = members[0];
        var owner = leader.CreateActor<DogOwner>();

        var dog = AskFor<ActorAddress>(leader, owner, "make");

        var pid = PidOf(leader, dog);
        Assert.That(ProcessesOfSystem(member), Does.Contain(pid));
        leader.Tell(dog, new ActorExitRequest());
        Assert.That(ListenFor<Multiproc.ChildExitSeen>(leader).Child, Is.EqualTo(dog));
    }

    [Test]
    public void CreatesAreSpread_OverTheCompatibleMembers()
    {
        var (leader, _, members) = StartConvention(null, Dog, Dog);
        var first = members[0];
        var second = members[1];

        var pids = Enumerable.Range(0, 4).Select(_ => PidOf(leader, leader.CreateActor<DogActor>())).ToArray();


        var onFirst = pids.Count(ProcessesOfSystem(first).Contains);
        var onSecond = pids.Count(ProcessesOfSystem(second).Contains);
        Assert.That((onFirst, onSecond), Is.EqualTo((2, 2)), "two actors on each compatible member");
    }

    [Test]
    public void ACreateNoSystemCanRun_FailsWithNoCompatibleSystem()
    {
        var (leader, _, members) = StartConvention(null, Dog);
        var member = members[0];

        var refusal = Assert.Throws<NoCompatibleSystemForActorException>(() => leader.CreateActor<UnicornActor>());

        Assert.That(refusal!.Message, Does.Contain("convention"));
    }

    [Test]
    public void AMemberWhoseAdminIsKilled_TakesItsPlacedActors_AndTheirParentsHear()
    {
        var (leader, _, members) = StartConvention(null, Dog);
        var member = members[0];
        var owner = leader.CreateActor<DogOwner>();
        var dog = AskFor<ActorAddress>(leader, owner, "make");
        _ = PidOf(leader, dog);
        var processes = ProcessesOfSystem(member);

        Kill(AdminPidOf(member));

        Assert.That(ListenFor<Multiproc.ChildExitSeen>(leader).Child, Is.EqualTo(dog));
        Eventually(() => processes.All(pid => !IsAlive(pid)), "every process of the killed system has exited");
    }

    [Test]
    public void AMemberThatLosesACapability_StopsItsMisfits_AndLaterCreatesGoElsewhere()
    {
        var (leader, leaderPort, members) = StartConvention(null, Dog);
        var first = members[0];
        var owner = leader.CreateActor<DogOwner>();
        var dog = AskFor<ActorAddress>(leader, owner, "make");
        _ = PidOf(leader, dog);

        first.UpdateCapability("dog", false);

        Assert.That(ListenFor<Multiproc.ChildExitSeen>(leader).Child, Is.EqualTo(dog), "the misfit exits and its parent hears of it");
        var second = StartMember(FreeAdminPort(), [leaderPort], Dog);
        MembersUntil(leader, leader.SystemAddress, first, second);
        var next = leader.CreateActor<DogActor>();
        var pid = PidOf(leader, next);
        Assert.That(ProcessesOfSystem(second), Does.Contain(pid), "the next dog runs where \"dog\" still holds");
    }

    [Test]
    public void AMemberCreate_RefusedThere_RunsOnTheLeader()
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, [], Dog);
        var member = StartMember(FreeAdminPort(), [leaderPort]);
        MembersUntil(member, leader.SystemAddress, leader);

        var dog = member.CreateActor<DogActor>();

        var pid = PidOf(member, dog);
        Assert.That(ProcessesOfSystem(leader), Does.Contain(pid));
    }
}
