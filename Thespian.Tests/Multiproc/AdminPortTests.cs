using Thespian.Sockets;
using Thespian.Bases.MultiprocTcp;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// What answers on the admin port decides between joining and failing: a Thespian endpoint that is not an admin
/// (an application's or an actor's, which listen on ephemeral ports a chosen admin port may be) is never joined.
/// </summary>
public sealed class AdminPortTests : MultiprocFixture
{
    [Test]
    public void StartOrJoin_AdminPortHeldByAnApplicationEndpoint_FailsSayingItIsNotAnAdmin()
    {
        var system = StartSystem();
        var applicationPort = PortOf(BaseOf(system).Node.LocalEndpoint);

        var failure = Assert.Throws<ActorSystemStartupFailureException>(() => JoinSystem(applicationPort));

        Assert.That(failure!.Message, Does.Contain($"not a Thespian admin is listening on the admin port {applicationPort}")
                                          .And.Contain("not an admin"));
        Assert.That(system.Ask(system.SystemAddress, new ThespianStatusRequest(), Patience), Is.InstanceOf<ThespianSystemStatus>(),
                    "the system whose endpoint was probed keeps working");
    }

    [Test]
    public void StartOrJoin_AdminPortHeldByAnActorEndpoint_FailsSayingItIsNotAnAdmin()
    {
        var system = StartSystem();
        var actor = system.CreateActor<PidActor>();
        var hostPort = PortOf(BaseOf(system).Node.Book.RouteOf(actor.Id) ?? throw new AssertionException("no route to the actor"));

        var failure = Assert.Throws<ActorSystemStartupFailureException>(() => JoinSystem(hostPort));

        Assert.That(failure!.Message, Does.Contain("not an admin"));
        Assert.That(PidOf(system, actor), Is.Positive, "the actor whose endpoint was probed keeps working");
    }

    private static int PortOf(string endpoint) => IpEndpoints.Parse(endpoint).Port;
}
