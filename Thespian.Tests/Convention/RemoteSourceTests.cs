using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Convention;

/// <summary>
/// A create from a loaded source that runs on another system of the convention takes the validated source along: the
/// member pulls it from the admin that forwarded the create, unless its "AllowRemoteActorSources" says no. An unload is
/// passed on (Python's multi-system source loading cases).
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class RemoteSourceTests(string systemBase) : ConventionFixture(systemBase)
{
    [Test]
    public void ASourceActorPlacedOnAMember_RunsThere_WithTheSourcePulledFromTheLeader_AndUnloadsThereToo()
    {
        var (leader, _, members) = StartConvention(null, new Dictionary<string, object?> { ["dog"] = true });
        var member = members[0];
        var hash = LoadValidated(leader, TestSources.DogGreeter("v7"));

        var dog = leader.CreateActor(TestSources.DogGreeterType, sourceHash: hash);

        Assert.That(leader.Ask(dog, "version", Patience), Is.EqualTo("v7"));
        Assert.That(ProcessesOfSystem(member), Does.Contain(PidOf(leader, dog)));
        Assert.That(StatusOf(member).LoadedSources, Does.Contain(hash), "the member keeps the source it pulled");

        leader.UnloadActorSource(hash);
        StatusUntil(member, s => !s.LoadedSources.Contains(hash), "the unload reaches the member");
    }

    [Test]
    public void AMemberThatTakesNoRemoteSources_RefusesThem_AndTheCreateFails()
    {
        var leaderPort = FreeAdminPort();
        var leader = StartMember(leaderPort, []);
        var member = StartMember(FreeAdminPort(), [leaderPort],
                                 new Dictionary<string, object?> { ["dog"] = true, [CommonCapabilities.AllowRemoteActorSources] = "No" });
        MembersUntil(leader, leader.SystemAddress, member);
        var hash = LoadValidated(leader, TestSources.DogGreeter("v7"));

        var refusal = Assert.Throws<NoCompatibleSystemForActorException>(() => leader.CreateActor(TestSources.DogGreeterType, sourceHash: hash));

        Assert.That(refusal!.Message, Does.Contain(CommonCapabilities.AllowRemoteActorSources));
    }

    private static string LoadValidated(ActorSystem system, byte[] zip)
    {
        var authority = system.CreateActor<UnsafeDevelopmentSourceAuthority>();
        Assert.That(system.Ask(authority, "register", Patience), Is.InstanceOf<SourceAuthorityReady>());
        using var stream = new MemoryStream(zip);
        var hash = system.LoadActorSource(stream);
        StatusUntil(system, s => s.LoadedSources.Contains(hash), "the source is validated");
        return hash;
    }
}
