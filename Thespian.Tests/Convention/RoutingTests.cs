using Thespian.Multiproc;

namespace Thespian.Tests.Convention;

/// <summary>
/// "Admin Routing" and "Outbound Only" on one host (the firewalls that make them necessary are in
/// <see cref="NamespaceRoutingTests"/>): a member with either setting serves creates placed on it; the leader's
/// application learns a route to the actor through the member's admin (<c>~admin</c>) or through its own admin
/// (<c>~&gt;admin</c>) rather than to the actor's process; the actor answers, and its exit reaches its parent on the leader.
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
public sealed class RoutingTests(string systemBase) : ConventionFixture(systemBase)
{
    [TestCase(CommonCapabilities.AdminRouting, false)]
    [TestCase(CommonCapabilities.OutboundOnly, true)]
    public void AMemberThatRoutesThroughItsAdmin_ServesPlacedActors_ThroughThatAdmin(string setting, bool relayed)
    {
        var (leader, _, members) = StartConvention(null, new Dictionary<string, object?> { ["dog"] = true, [setting] = true });
        var member = members[0];
        var memberAdmin = EndpointOf(StatusOf(member).Capabilities[CommonCapabilities.AdminPort] is int port ? port : 0);
        var owner = leader.CreateActor<DogOwner>();

        var dog = AskFor<ActorAddress>(leader, owner, "make");
        Assert.That(leader.Ask(dog, "woof", Patience), Is.EqualTo("woof"), "the placed actor answers the leader's application");

        var route = ActorRoute.Parse(BaseOf(leader).Node.Book.RouteOf(dog.Id) ?? "");
        Assert.That(ProcessesOfSystem(member), Does.Contain(PidOf(leader, dog)), "the actor runs on the member");
        Assert.That((route.Gateway, route.Relayed), Is.EqualTo((memberAdmin, relayed)),
                    $"the leader reaches the actor through the member's admin ({(relayed ? "relayed by its own admin" : "directly")})");
        leader.Tell(dog, new ActorExitRequest());
        Assert.That(ListenFor<Thespian.Tests.Multiproc.ChildExitSeen>(leader).Child, Is.EqualTo(dog), "the exit reached the parent on the leader");
    }
}
