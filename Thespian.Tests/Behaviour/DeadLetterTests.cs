namespace Thespian.Tests.Behaviour;

/// <summary>Undeliverable messages go to every registered dead-letter handler as DeadEnvelopes (guide §4.2).</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class DeadLetterTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Asks a <see cref="Forwarder"/> to send <paramref name="Text"/> to <paramref name="Target"/>.</summary>
    public sealed record Forward(ActorAddress Target, string Text);

    private sealed class Forwarder : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Forward forward)
            {
                Send(forward.Target, forward.Text);
                Send(sender, "forwarded");
            }
        }
    }


    private ActorAddress ExitedActor()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, new ActorExitRequest());
        return echo;
    }

    [Test]
    public void DeadLetter_MessageToAnExitedActor_HandlerGetsTheMessage()
    {
        var watcher = RegisteredWatcher();
        var dead = ExitedActor();

        System.Tell(dead, "lost");

        var seen = ListenFor<DeadLetterSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.Handler, Is.EqualTo(watcher));
            Assert.That(seen.DeadMessage, Is.EqualTo("lost"));
        });
    }

    [Test]
    public void DeadLetter_MessageToAnExitedActor_DeadAddressIsTheTarget()
    {
        _ = RegisteredWatcher();
        var dead = ExitedActor();

        System.Tell(dead, "lost");

        Assert.That(ListenFor<DeadLetterSeen>().DeadAddress, Is.EqualTo(dead));
    }

    [Test]
    public void DeadLetter_RecordMessage_ArrivesWithItsValues()
    {
        _ = RegisteredWatcher();
        var dead = ExitedActor();
        var original = new Forward(dead, "payload");

        System.Tell(dead, original);

        Assert.That(ListenFor<DeadLetterSeen>().DeadMessage, Is.EqualTo(original));
    }

    [Test]
    public void DeadLetter_TwoHandlers_BothGetTheMessage()
    {
        var first = RegisteredWatcher();
        var second = RegisteredWatcher();
        var dead = ExitedActor();

        System.Tell(dead, "lost");

        var handlers = Collect(2).OfType<DeadLetterSeen>().Select(s => s.Handler);
        Assert.That(handlers, Is.EquivalentTo(new[] { first, second }));
    }

    [Test]
    public void DeadLetter_TwoHandlers_EachGetsItOnce()
    {
        _ = RegisteredWatcher();
        _ = RegisteredWatcher();
        var dead = ExitedActor();

        System.Tell(dead, "lost");
        _ = Collect(2);

        AssertNothingArrives();
    }

    [Test]
    public void HandleDeadLetters_False_TheActorNoLongerGetsDeadLetters()
    {
        var staying = RegisteredWatcher();
        var leaving = RegisteredWatcher();
        Assert.That(System.Ask(leaving, "unregister", Patience), Is.EqualTo("unregistered"));
        var dead = ExitedActor();

        System.Tell(dead, "lost");

        Assert.Multiple(() =>
        {
            Assert.That(ListenFor<DeadLetterSeen>().Handler, Is.EqualTo(staying));
            Assert.That(System.Listen(Brief), Is.Null);
        });
    }

    [Test]
    public void HandleDeadLetters_RegisteredTwice_GetsEachDeadLetterOnce()
    {
        var watcher = RegisteredWatcher();
        Assert.That(System.Ask(watcher, "register", Patience), Is.EqualTo("registered"));
        var dead = ExitedActor();

        System.Tell(dead, "lost");

        Assert.Multiple(() =>
        {
            Assert.That(ListenFor<DeadLetterSeen>().Handler, Is.EqualTo(watcher));
            Assert.That(System.Listen(Brief), Is.Null);
        });
    }

    [Test]
    public void DeadLetter_NoHandler_MessageIsDroppedAndTheSystemKeepsWorking()
    {
        var dead = ExitedActor();
        var echo = System.CreateActor<EchoActor>();

        Assert.That(() => System.Tell(dead, "lost"), Throws.Nothing);
        Assert.That(System.Ask(echo, "alive", Patience), Is.EqualTo("alive"));
    }

    [Test]
    public void DeadLetter_HandlerExited_NoLongerGetsDeadLetters()
    {
        var staying = RegisteredWatcher();
        var exiting = RegisteredWatcher();
        System.Tell(exiting, new ActorExitRequest());
        var dead = ExitedActor();

        System.Tell(dead, "lost");

        Assert.Multiple(() =>
        {
            Assert.That(ListenFor<DeadLetterSeen>().Handler, Is.EqualTo(staying));
            Assert.That(System.Listen(Brief), Is.Null);
        });
    }

    [Test]
    public void DeadLetter_NamedActorExited_HandlerGetsTheMessage()
    {
        _ = RegisteredWatcher();
        var named = System.CreateActor<EchoActor>(globalName: "dead-letter-named");
        Assert.That(System.Ask(named, "ping", Patience), Is.EqualTo("ping"));
        System.Tell(named, new ActorExitRequest());

        System.Tell(named, "lost");

        var seen = ListenFor<DeadLetterSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.DeadMessage, Is.EqualTo("lost"));
            Assert.That(seen.DeadAddress, Is.EqualTo(named));
        });
    }

    [Test]
    public void DeadLetter_SentByAnActorToAnExitedActor_HandlerGetsTheMessage()
    {
        _ = RegisteredWatcher();
        var dead = ExitedActor();
        var forwarder = System.CreateActor<Forwarder>();

        System.Tell(forwarder, new Forward(dead, "from an actor"));

        var messages = Collect(2);
        Assert.That(messages.OfType<DeadLetterSeen>().Select(s => s.DeadMessage), Is.EqualTo(new List<string> { "from an actor" }));
    }

    [Test]
    public void DeadLetter_SeveralMessages_EachBecomesADeadLetter()
    {
        _ = RegisteredWatcher();
        var dead = ExitedActor();

        System.Tell(dead, "one");
        System.Tell(dead, "two");
        System.Tell(dead, "three");

        // Each, but not necessarily in order on a multiproc base: a message the exiting host had already taken is
        // dead-lettered by that host, the rest by the sender when the connection is refused — two processes.
        var lost = Collect(3).OfType<DeadLetterSeen>().Select(s => s.DeadMessage);
        Assert.That(lost, Is.EquivalentTo(new List<string> { "one", "two", "three" }));
    }
}
