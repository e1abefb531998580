namespace Thespian.Tests.Behaviour;

/// <summary>Shutdown from outside and from an actor (ActorSystemShutdown).</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class ShutdownTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>"shutdown": answers "shutting down" and shuts the whole system down; other strings are echoed.</summary>
    private sealed class Terminator : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "shutdown":
                    Send(sender, "shutting down");
                    ActorSystemShutdown();
                    break;
                case string text:
                    Send(sender, text);
                    break;
            }
        }
    }

    private static bool FailsWithActorSystemFailure(Action operation)
    {
        try
        {
            operation();
            return false;
        }
        catch (ActorSystemFailureException)
        {
            return true;
        }
    }

    [Test]
    public void Shutdown_ThenTell_ThrowsActorSystemFailureException()
    {
        var echo = System.CreateActor<EchoActor>();

        System.Shutdown();

        Assert.That(() => System.Tell(echo, "hello"), Throws.InstanceOf<ActorSystemFailureException>());
    }

    [Test]
    public void Shutdown_ThenAsk_ThrowsActorSystemFailureException()
    {
        var echo = System.CreateActor<EchoActor>();

        System.Shutdown();

        Assert.That(() => System.Ask(echo, "hello", Brief), Throws.InstanceOf<ActorSystemFailureException>());
    }

    [Test]
    public void Shutdown_ThenCreateActor_ThrowsActorSystemFailureException()
    {
        System.Shutdown();

        Assert.That(() => System.CreateActor<EchoActor>(), Throws.InstanceOf<ActorSystemFailureException>());
    }

    [Test]
    public void Shutdown_ThenTellThroughAPrivateEndpoint_ThrowsActorSystemFailureException()
    {
        var echo = System.CreateActor<EchoActor>();
        using var endpoint = System.Private();

        System.Shutdown();

        Assert.That(() => endpoint.Tell(echo, "hello"), Throws.InstanceOf<ActorSystemFailureException>());
    }

    [Test]
    public void Shutdown_ThenAskThroughAPrivateEndpoint_ThrowsActorSystemFailureException()
    {
        var echo = System.CreateActor<EchoActor>();
        using var endpoint = System.Private();

        System.Shutdown();

        Assert.That(() => endpoint.Ask(echo, "hello", Brief), Throws.InstanceOf<ActorSystemFailureException>());
    }

    [Test]
    public void Shutdown_CalledTwice_SecondCallDoesNothing()
    {
        System.Shutdown();

        Assert.That(() => System.Shutdown(), Throws.Nothing);
    }

    [Test]
    public void Shutdown_ThenANewSystem_StartsAndWorks()
    {
        System.Shutdown();

        var next = StartSystem(capabilities: null);
        try
        {
            var echo = next.CreateActor<EchoActor>();
            Assert.That(next.Ask(echo, "again", Patience), Is.EqualTo("again"));
        }
        finally
        {
            next.Shutdown();
        }
    }

    [Test]
    public void Shutdown_OfOneTransientSystem_LeavesAnotherRunning()
    {
        var other = StartSystem(capabilities: null);
        try
        {
            var echo = other.CreateActor<EchoActor>();

            System.Shutdown();

            Assert.That(other.Ask(echo, "still up", Patience), Is.EqualTo("still up"));
        }
        finally
        {
            other.Shutdown();
        }
    }

    [Test]
    public void ActorSystemShutdown_CalledByAnActor_TheActorsLastReplyArrives()
    {
        var terminator = System.CreateActor<Terminator>();

        Assert.That(System.Ask(terminator, "shutdown", Patience), Is.EqualTo("shutting down"));
    }

    [Test]
    public void ActorSystemShutdown_CalledByAnActor_LaterTellThrowsActorSystemFailureException()
    {
        var terminator = System.CreateActor<Terminator>();
        var echo = System.CreateActor<EchoActor>();

        Assert.That(System.Ask(terminator, "shutdown", Patience), Is.EqualTo("shutting down"));

        Eventually(() => FailsWithActorSystemFailure(() => System.Tell(echo, "anyone?")),
                   "Tell throws ActorSystemFailureException once the system is down");
    }

    [Test]
    public void ActorSystemShutdown_CalledByAnActor_LaterCreateActorThrowsActorSystemFailureException()
    {
        var terminator = System.CreateActor<Terminator>();

        System.Tell(terminator, "shutdown");

        Eventually(() => FailsWithActorSystemFailure(() => System.CreateActor<EchoActor>()),
                   "CreateActor throws ActorSystemFailureException once the system is down");
    }
}
