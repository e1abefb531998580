namespace Thespian.Tests.Convention;

/// <summary>
/// Systems join a convention by checking in with its leaders; the leader and every member see each other in their
/// status and registered actors are told of joins, capability changes and losses — losses within seconds, whether the
/// system shut down or its admin was killed. With several leaders, members follow the first live one and move back
/// when it returns (Python's test_HAConvention, plus what Python never tested: a killed leader).
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class MembershipTests(string systemBase) : ConventionFixture(systemBase)
{
    [Test]
    public void AMember_AndItsLeader_SeeEachOtherInTheirStatus()
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, []);
        var member = StartMember(FreeAdminPort(), [leaderPort]);

        MembersUntil(leader, leader.SystemAddress, member);
        MembersUntil(member, leader.SystemAddress, leader);
    }

    [Test]
    public void Members_SeeEachOther_ThroughTheLeader()
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, []);
        var first = StartMember(FreeAdminPort(), [leaderPort]);
        var second = StartMember(FreeAdminPort(), [leaderPort]);

        MembersUntil(leader, leader.SystemAddress, first, second);
        MembersUntil(first, leader.SystemAddress, leader, second);
        MembersUntil(second, leader.SystemAddress, leader, first);
    }

    [Test]
    public void ARegisteredActor_GetsASnapshot_ThenJoinsChangesAndLosses()
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, []);
        var first = StartMember(FreeAdminPort(), [leaderPort], new Dictionary<string, object?> { ["colour"] = "red" });
        MembersUntil(leader, leader.SystemAddress, first);
        var watcher = leader.CreateActor<ConventionWatcher>();

        Assert.That(leader.Ask(watcher, "watch", Patience), Is.EqualTo("watching"));
        var snapshot = ListenFor<ConventionSeen>(leader);
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Admin, Is.EqualTo(first.SystemAddress));
            Assert.That(snapshot.Added, Is.True);
            Assert.That(snapshot.Colour, Is.EqualTo("red"));
        });

        var second = StartMember(FreeAdminPort(), [leaderPort]);
        var joined = ListenFor<ConventionSeen>(leader);
        Assert.That((joined.Admin, joined.Added), Is.EqualTo((second.SystemAddress, true)));

        first.UpdateCapability("colour", "blue");
        var changed = ListenFor<ConventionSeen>(leader);
        Assert.Multiple(() =>
        {
            Assert.That((changed.Admin, changed.Added), Is.EqualTo((first.SystemAddress, true)));
            Assert.That(changed.Colour, Is.EqualTo("blue"));
        });

        second.Shutdown();
        var left = ListenFor<ConventionSeen>(leader);
        Assert.That((left.Admin, left.Added), Is.EqualTo((second.SystemAddress, false)));

        Assert.That(leader.Ask(watcher, "unwatch", Patience), Is.EqualTo("unwatched"));
        first.UpdateCapability("colour", "green");
        Assert.That(leader.Listen(TimeSpan.FromSeconds(2)), Is.Null, "no update after unregistering");
    }

    [Test]
    public void AMemberWhoseAdminIsKilled_IsNoticedAsLost_AndItsHostsFollowIt()
    {
        var (leader, _, members) = StartConvention(null, [null]);
        var member = members[0];
        var watcher = leader.CreateActor<ConventionWatcher>();
        Assert.That(leader.Ask(watcher, "watch", Patience), Is.EqualTo("watching"));
        _ = ListenFor<ConventionSeen>(leader);
        var processes = ProcessesOfSystem(member);

        Kill(AdminPidOf(member));

        var lost = ListenFor<ConventionSeen>(leader);
        Assert.That((lost.Admin, lost.Added), Is.EqualTo((member.SystemAddress, false)));
        MembersUntil(leader, null);
        Eventually(() => processes.All(pid => !IsAlive(pid)), "every process of the killed system has exited");
    }

    [Test]
    public void WithSeveralLeaders_MembersFollowTheFirstLive_AndReturnToItWhenItRestarts()
    {
        var (first, second, member, leaders) = StartTwoLeadersAndAMember();
        MembersUntil(second, first.SystemAddress, first, member);

        Kill(AdminPidOf(first));

        MembersUntil(member, second.SystemAddress, second);
        MembersUntil(second, second.SystemAddress, member);
        var dog = member.CreateActor<DogActor>();
        Assert.That(member.Ask(dog, "woof", Patience), Is.EqualTo("woof"), "creates keep working through the new leader");

        var restarted = StartMember(leaders[0], leaders, Dog);

        MembersUntil(member, restarted.SystemAddress, restarted, second);
        MembersUntil(second, restarted.SystemAddress, restarted, member);
        MembersUntil(restarted, restarted.SystemAddress, second, member);
    }

    [Test]
    public void ALeaderThatShutsDown_IsLeftAtOnce_ForTheNext()
    {
        var (first, second, member, leaders) = StartTwoLeadersAndAMember();

        first.Shutdown();

        MembersUntil(member, second.SystemAddress, second);
    }

    private static readonly Dictionary<string, object?> Dog = new() { ["dog"] = true };

    /// <summary>Two leaders with "dog", each listing both, and a member listing both; the member follows the first.</summary>
    private (ActorSystem First, ActorSystem Second, ActorSystem Member, int[] Leaders) StartTwoLeadersAndAMember()
    {
        int[] leaders = [FreeAdminPort(), FreeAdminPort()];
        var first = StartMember(leaders[0], leaders, Dog);
        var second = StartMember(leaders[1], leaders, Dog);
        var member = StartMember(FreeAdminPort(), leaders);
        MembersUntil(member, first.SystemAddress, first, second);
        return (first, second, member, leaders);
    }

    [Test]
    public void PreRegistration_InvitesASystemThatKnowsNoLeader_AndDeRegistrationRemovesIt()
    {
        var leader = StartMember(FreeAdminPort(), []);
        var otherPort = FreeAdminPort();
        var other = StartMember(otherPort, []);
        var watcher = leader.CreateActor<ConventionWatcher>();

        Assert.That(leader.Ask(watcher, new PreRegister(EndpointOf(otherPort)), Patience), Is.EqualTo("pre-registered"));

        MembersUntil(leader, leader.SystemAddress, other);
        MembersUntil(other, leader.SystemAddress, leader);

        Assert.That(leader.Ask(watcher, new DeRegister(EndpointOf(otherPort)), Patience), Is.EqualTo("de-registered"));

        MembersUntil(leader, null);
        MembersUntil(other, null);
    }

    [Test]
    public void AMembersWarnings_ReachTheLeadersLog_MarkedWithTheMember()
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, []);
        var memberPort = FreeAdminPort();
        var member = StartMember(memberPort, [leaderPort]);
        MembersUntil(member, leader.SystemAddress, leader);

        // The member's admin cannot read a type of the application's: it logs a warning.
        member.Tell(member.SystemAddress, new DeRegister("not for the admin"));

        WaitForLogLine("the member's warning in the leader's log", "Thespian.Convention.Member", $"From member {EndpointOf(memberPort)}");
    }

    [Test]
    public void TheCommandLineStatus_ShowsTheLeaderAndMembers_WithTheirCapabilities()
    {
        var (leader, leaderPort, members) = StartConvention(null, new Dictionary<string, object?> { ["colour"] = "red" });
        var memberPort = Convert.ToInt32(StatusOf(members[0]).Capabilities[CommonCapabilities.AdminPort], System.Globalization.CultureInfo.InvariantCulture);

        var fromLeader = Cli.CliRunner.Run("status", "--base", SystemBaseName, "--port", $"{leaderPort}");
        var fromMember = Cli.CliRunner.Run("status", "--base", SystemBaseName, "--port", $"{memberPort}");

        Assert.Multiple(() =>
        {
            Assert.That(fromLeader.ExitCode, Is.Zero, fromLeader.ToString());
            Assert.That(fromLeader.StdOut, Does.Contain($"{members[0].SystemAddress} at {EndpointOf(memberPort)}: last heard"));
            Assert.That(fromLeader.StdOut, Does.Contain("colour = \"red\""));
            Assert.That(fromMember.StdOut, Does.Contain($"{leader.SystemAddress} at {EndpointOf(leaderPort)} (leader): last heard"), fromMember.ToString());
        });
    }

    [Test]
    public void AConventionAddressThatCannotBeRead_IsLogged_AndTheSystemRunsAlone()
    {
        var system = JoinSystem(FreeAdminPort(), new Dictionary<string, object?> { [CommonCapabilities.ConventionRegistrationMissMax] = "many" });

        WaitForLogLine("the refused convention setting", "Convention Registration Miss Max", "many", "whole number");
        Assert.That(StatusOf(system).ConventionLeader, Is.Null);
    }
}
