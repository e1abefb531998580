namespace Thespian.Tests.Behaviour;

/// <summary>
/// Transient actors: <see cref="TransientAttribute"/> exits a given time after the first message,
/// <see cref="TransientIdleAttribute"/> after a given time without messages (Python's thespian.transient).
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class TransientTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Asks a <see cref="Parent"/> to create a child of the kind named and send it "hi"; the child's answer comes back.</summary>
    public sealed record StartChild(string Kind);

    /// <summary>Echoes "GOT: text"; on its exit request, tells whoever spoke last how many wakeups it saw.</summary>
    private abstract class Echo : Actor
    {
        private ActorAddress? _last;
        private int _wakeups;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case string text:
                    _last = sender;
                    Send(sender, $"GOT: {text}");
                    break;
                case WakeupMessage:
                    _wakeups++;
                    break;
                case ActorExitRequest when _last is not null:
                    Send(_last, $"exiting after {_wakeups} wakeups");
                    break;
            }
        }
    }

    [Transient(0.3)]
    private sealed class ShortLived : Echo;

    [TransientIdle(1)]
    private sealed class Bored : Echo;

    private sealed class NotTransient : Echo;

    [Transient]
    private sealed class DefaultTransient : Echo;

    [Transient(1), TransientIdle(1)]
    private sealed class BothKinds : Echo;

    [Transient(-1)]
    private sealed class NegativeDelay : Echo;

    /// <summary>Creates a child on <see cref="StartChild"/> and reports its ChildActorExited as "child exited".</summary>
    private sealed class Parent : Actor
    {
        private ActorAddress? _requester;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case StartChild start:
                    _requester = sender;
                    var child = start.Kind == "idle" ? CreateActor<Bored>() : CreateActor<ShortLived>();
                    Send(child, "hi");
                    break;
                case string text when _requester is not null:
                    Send(_requester, text);
                    break;
                case ChildActorExited when _requester is not null:
                    Send(_requester, "child exited");
                    break;
            }
        }
    }

    private bool Answers(ActorAddress actor) => System.Ask(actor, "ping", Brief) is not null;

    [Test]
    public void Transient_NoMessageYet_DoesNotExit()
    {
        var actor = System.CreateActor<ShortLived>();

        Thread.Sleep(TimeSpan.FromMilliseconds(600));   // twice its delay: no timer runs before its first message

        Assert.That(System.Ask(actor, "first", Patience), Is.EqualTo("GOT: first"));
    }

    [Test]
    public void Transient_AfterItsFirstMessage_ExitsAndItsParentIsTold()
    {
        var parent = System.CreateActor<Parent>();

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(parent, new StartChild("short"), Patience), Is.EqualTo("GOT: hi"));
            Assert.That(Collect(2), Is.EquivalentTo(new[] { "exiting after 0 wakeups", "child exited" }));
        });
    }

    [Test]
    public void Transient_KeptBusy_ExitsAnyway()
    {
        var actor = System.CreateActor<ShortLived>();
        Assert.That(System.Ask(actor, "first", Patience), Is.EqualTo("GOT: first"));

        Eventually(() => System.Ask(actor, "still there?", Brief) is "exiting after 0 wakeups" || !Answers(actor),
                   "the transient actor exits while it is asked");
    }

    [Test]
    public void Transient_ItsOwnTimer_IsNotSeenByTheActor()
    {
        var actor = System.CreateActor<ShortLived>();
        Assert.That(System.Ask(actor, "first", Patience), Is.EqualTo("GOT: first"));

        Assert.That(System.Listen(Patience), Is.EqualTo("exiting after 0 wakeups"));
    }

    [Test]
    public void TransientIdle_MessagesKeepArriving_StaysUntilTheyStop()
    {
        var actor = System.CreateActor<Bored>();

        // Half its idle delay between messages, for twice its delay: it must not exit meanwhile.
        for (var i = 0; i < 5; i++)
        {
            Assert.That(System.Ask(actor, $"poke {i}", Patience), Is.EqualTo($"GOT: poke {i}"));
            Thread.Sleep(TimeSpan.FromMilliseconds(400));
        }

        Assert.That(System.Listen(Patience), Is.EqualTo("exiting after 0 wakeups"));
    }

    [Test]
    public void TransientIdle_Quiet_ExitsAndItsParentIsTold()
    {
        var parent = System.CreateActor<Parent>();

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(parent, new StartChild("idle"), Patience), Is.EqualTo("GOT: hi"));
            Assert.That(Collect(2), Is.EquivalentTo(new[] { "exiting after 0 wakeups", "child exited" }));
        });
    }

    [Test]
    public void NotTransient_AfterMessages_StaysRunning()
    {
        var actor = System.CreateActor<NotTransient>();
        Assert.That(System.Ask(actor, "first", Patience), Is.EqualTo("GOT: first"));

        AssertNothingArrives();
        Assert.That(System.Ask(actor, "second", Patience), Is.EqualTo("GOT: second"));
    }

    [Test]
    public void TransientAttribute_NoDelayGiven_IsTenSecondsAsInPython()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new TransientAttribute().ExitDelay, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(new TransientIdleAttribute().ExitDelay, Is.EqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(new TransientIdleAttribute(3.25).ExitDelay, Is.EqualTo(TimeSpan.FromMilliseconds(3250)));
        });

        var actor = System.CreateActor<DefaultTransient>();
        Assert.That(System.Ask(actor, "first", Patience), Is.EqualTo("GOT: first"));
        AssertNothingArrives();
    }

    [Test]
    public void CreateActor_BothTransientAttributes_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<BothKinds>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("[TransientIdle]"));
    }

    [Test]
    public void CreateActor_NegativeTransientDelay_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<NegativeDelay>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("-1 seconds"));
    }
}
