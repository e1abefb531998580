using Thespian.Multiproc;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// A new actor's address can reach someone, who asks the admin where it lives, before the admin has seen the create
/// that announces it (the two travel on different connections). The admin then waits for the announcement instead of
/// saying the actor does not exist — which would dead-letter messages to a perfectly good actor.
/// </summary>
public sealed class ResolveOrderTests : MultiprocFixture
{
    [Test]
    public void Resolve_ArrivesBeforeTheCreate_AnsweredWithTheActorsEndpointOnceItRuns()
    {
        var system = StartSystem();
        var node = BaseOf(system).Node;
        var admin = node.AdminEndpoint!;
        var address = node.Book.Register(ActorAddress.CreateNew(), endpoint: null);

        var resolve = node.RequestAsync(admin, id => new ResolveRequest(id, address));
        Thread.Sleep(200);
        var created = node.Request(admin, id => new CreateActorRequest(id, address, typeof(PidActor).AssemblyQualifiedName!, null, null,
                                                                       null, null, null, AppContext.BaseDirectory));

        Assert.That(created.Succeeded, Is.True, created.Message);
        Assert.That(resolve.Wait(Patience), Is.True, "the resolve was answered");
        Assert.That(resolve.Result.Succeeded, Is.True, resolve.Result.Message);
        Assert.That(resolve.Result.Endpoint, Is.EqualTo(created.Endpoint));
    }

    [Test]
    public void Resolve_AddressNeverCreated_RefusedAfterTheGrace()
    {
        var system = StartSystem();
        var node = BaseOf(system).Node;
        var address = node.Book.Register(ActorAddress.CreateNew(), endpoint: null);

        var reply = node.Request(node.AdminEndpoint!, id => new ResolveRequest(id, address));

        Assert.That(reply.Succeeded, Is.False);
        Assert.That(reply.Message, Does.Contain("is running"));
    }

    [Test]
    public void Resolve_ActorThatHasEnded_Refused()
    {
        var system = StartSystem();
        var actor = system.CreateActor<PidActor>();
        var pid = PidOf(system, actor);
        system.Tell(actor, new ActorExitRequest());
        Eventually(() => !IsAlive(pid), "the actor's process ends");
        var node = BaseOf(system).Node;

        var reply = node.Request(node.AdminEndpoint!, id => new ResolveRequest(id, actor));

        Assert.That(reply.Succeeded, Is.False, "an ended actor is refused (at once: the admin remembers it ended)");
    }
}
