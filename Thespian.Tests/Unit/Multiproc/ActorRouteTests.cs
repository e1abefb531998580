using Thespian.Multiproc;

namespace Thespian.Tests.Unit.Multiproc;

/// <summary>How a process picks the hop for a route (<see cref="ActorRoute"/>).</summary>
public sealed class ActorRouteTests
{
    private const string Actor = "10.0.0.2:4100";
    private const string ActorsAdmin = "10.0.0.2:1900";
    private const string OtherAdmin = "10.0.0.1:1900";

    [Test]
    public void ADirectRoute_IsItsOwnHop_Everywhere()
    {
        Assert.That(ActorRoute.NextHop(Actor, OtherAdmin, isAdmin: false), Is.EqualTo(Actor));
        Assert.That(ActorRoute.Parse(Actor), Is.EqualTo(new ActorRoute(Actor, null, false)));
    }

    [Test]
    public void AnAdminRoutedActor_IsReachedDirectlyInItsSystem_AndThroughItsAdminFromOthers()
    {
        var route = ActorRoute.Compose(Actor, ActorRoute.GatewaySuffix(ActorsAdmin, adminRouting: true, outboundOnly: false));

        Assert.That(route, Is.EqualTo($"{Actor}~{ActorsAdmin}"));
        Assert.That(ActorRoute.NextHop(route, ActorsAdmin, isAdmin: false), Is.EqualTo(Actor), "a process of the same system");
        Assert.That(ActorRoute.NextHop(route, ActorsAdmin, isAdmin: true), Is.EqualTo(Actor), "that system's admin");
        Assert.That(ActorRoute.NextHop(route, OtherAdmin, isAdmin: false), Is.EqualTo(ActorsAdmin), "a process of another system");
        Assert.That(ActorRoute.NextHop(route, OtherAdmin, isAdmin: true), Is.EqualTo(ActorsAdmin), "another system's admin");
    }

    [Test]
    public void AnOutboundOnlyActor_IsReachedFromOtherSystemsThroughTheirOwnAdmin_WhichSendsToItsAdmin()
    {
        var route = ActorRoute.Compose(Actor, ActorRoute.GatewaySuffix(ActorsAdmin, adminRouting: true, outboundOnly: true));

        Assert.That(route, Is.EqualTo($"{Actor}~>{ActorsAdmin}"));
        Assert.That(ActorRoute.Parse(route), Is.EqualTo(new ActorRoute(Actor, ActorsAdmin, true)));
        Assert.That(ActorRoute.NextHop(route, ActorsAdmin, isAdmin: false), Is.EqualTo(Actor), "a process of the same system");
        Assert.That(ActorRoute.NextHop(route, OtherAdmin, isAdmin: false), Is.EqualTo(OtherAdmin), "a process of another system: its own admin");
        Assert.That(ActorRoute.NextHop(route, OtherAdmin, isAdmin: true), Is.EqualTo(ActorsAdmin), "another system's admin: the gateway");
    }

    [Test]
    public void NoRoutingSetting_AddsNothing()
    {
        Assert.That(ActorRoute.GatewaySuffix(ActorsAdmin, adminRouting: false, outboundOnly: false), Is.Null);
        Assert.That(ActorRoute.Compose(Actor, null), Is.EqualTo(Actor));
    }

    [Test]
    public void ARouteMentions_ItsProcessAndItsGateway_AndIsValidOnlyWhenBothAreEndpoints()
    {
        var route = $"{Actor}~>{ActorsAdmin}";

        Assert.That(ActorRoute.Mentions(route, Actor) && ActorRoute.Mentions(route, ActorsAdmin), Is.True);
        Assert.That(ActorRoute.Mentions(route, OtherAdmin), Is.False);
        Assert.That(ActorRoute.IsValid(route, e => e.Contains(':', StringComparison.Ordinal)), Is.True);
        Assert.That(ActorRoute.IsValid($"{Actor}~nonsense", e => e.Contains(':', StringComparison.Ordinal)), Is.False);
    }
}
