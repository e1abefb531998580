namespace Thespian.Tests.Convention;

/// <summary>
/// A global name is unique in the whole convention, not per system as in Python (its issue #50): creates of one name
/// from several systems — one after the other or at the same moment — get one actor, and once it exits the name is
/// free again.
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class GlobalNameTests(string systemBase) : ConventionFixture(systemBase)
{
    private static readonly Dictionary<string, object?> Dog = new() { ["dog"] = true };

    [Test]
    public void ANameCreatedOnOneMember_IsTheSameActorFromAnother()
    {
        var (_, first, second) = StartLeaderAndTwoMembers();

        var named = first.CreateActor<DogActor>(globalName: "the-one");
        var again = second.CreateActor<DogActor>(globalName: "the-one");

        Assert.That(again, Is.EqualTo(named));
        Assert.That(second.Ask(again, "woof", Patience), Is.EqualTo("woof"), "the other member reaches the actor");
        Assert.That(ProcessesOfSystem(first), Does.Contain(PidOf(second, again)), "it runs where it was first created");
    }

    [Test]
    public void ANameCreatedAtOnceFromTwoMembers_IsOneActor()
    {
        var (_, first, second) = StartLeaderAndTwoMembers();

        using var start = new Barrier(2);
        var creates = new[] { first, second }.Select(system => Task.Run(() =>
        {
            start.SignalAndWait();
            return system.CreateActor<DogActor>(globalName: "contested");
        })).ToArray();
        Task.WaitAll(creates, Patience);

        Assert.That(creates[1].Result, Is.EqualTo(creates[0].Result), "both creates got the same actor");
        Assert.That(StatusOf(first).ActorCount + StatusOf(second).ActorCount, Is.EqualTo(1), "one actor runs in the whole convention");
    }

    /// <summary>A leader and two members, all with "dog", once both members see the whole convention.</summary>
    private (ActorSystem Leader, ActorSystem First, ActorSystem Second) StartLeaderAndTwoMembers()
    {
        var (leader, _, members) = StartConvention(Dog, Dog, Dog);
        MembersUntil(members[0], leader.SystemAddress, leader, members[1]);
        MembersUntil(members[1], leader.SystemAddress, leader, members[0]);
        return (leader, members[0], members[1]);
    }

    [Test]
    public void AfterTheNamedActorExits_TheNameIsFreeAgain()
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, [], Dog);
        var member = StartMember(FreeAdminPort(), [leaderPort], Dog);
        MembersUntil(member, leader.SystemAddress, leader);
        var named = member.CreateActor<DogActor>(globalName: "reusable");
        Assert.That(member.Ask(named, "woof", Patience), Is.EqualTo("woof"));

        member.Tell(named, new ActorExitRequest());
        ActorAddress? again = null;
        Eventually(() => (again = leader.CreateActor<DogActor>(globalName: "reusable")) != named, "a new actor takes the freed name");

        Assert.That(ProcessesOfSystem(leader), Does.Contain(PidOf(leader, again!)), "the new holder runs where it was created");
    }
}
