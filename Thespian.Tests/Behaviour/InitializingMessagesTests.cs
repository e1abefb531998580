namespace Thespian.Tests.Behaviour;

/// <summary>
/// Initializing messages (<see cref="InitializingMessageAttribute"/>, Python's thespian.initmsgs): stored by type into
/// members, other messages held until all have arrived, InitDone, pass-through, and with transient actors.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class InitializingMessagesTests(string systemBase) : BaseFixture(systemBase)
{
    public sealed record Msg1(string Tag = "m1");

    public sealed record Msg2(string Tag = "m2");

    public sealed record Msg3(string Tag = "m3");

    public sealed record Msg4(string Tag = "m4");

    /// <summary>Python's test Actor1: waits for a Msg1 (and its sender), a Msg2 and a string.</summary>
    [InitializingMessages(InitDone = nameof(InitDone))]
    private sealed class Actor1 : ActorTypeDispatcher
    {
        [InitializingMessage(SenderMember = nameof(Msg1Sender))]
        private Msg1? First { get; set; }

        [InitializingMessage]
        private Msg2? Second { get; set; }

        [InitializingMessage]
        private string? Text { get; set; }

        private ActorAddress? Msg1Sender { get; set; }

        private void InitDone() => Send(Msg1Sender!, "init is done");

        private void ReceiveMsg(string text, ActorAddress sender) => Send(Msg1Sender!, "s:" + text);

        private void ReceiveMsg(Msg3 message, ActorAddress sender) => Send(sender, Second!);

        private void ReceiveMsg(Msg4 message, ActorAddress sender)
        {
            Send(Msg1Sender!, message);
            Send(sender, Text!);
            _ = First;
        }
    }

    /// <summary>Python's test ProxyActor: first an address to proxy for; then what its first sender sends goes there, and the rest back to that sender.</summary>
    private sealed class ProxyActor : Actor
    {
        // Fields work as well as properties; the compiler cannot see that the runtime fills them.
#pragma warning disable CS0649
        [InitializingMessage(SenderMember = nameof(_proxySender))]
        private ActorAddress? _proxy;

        private ActorAddress? _proxySender;
#pragma warning restore CS0649

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is ActorSystemMessage)
            {
                return;
            }

            Send(sender == _proxySender ? _proxy! : _proxySender!, message);
        }
    }

    /// <summary>Python's test Actor2: Actor1's initialization, transient (exits 1 s after its first handled message).</summary>
    [InitializingMessages(InitDone = nameof(InitDone))]
    [Transient(1)]
    private sealed class Actor2 : ActorTypeDispatcher
    {
        [InitializingMessage(SenderMember = nameof(Msg1Sender))]
        private Msg1? First { get; set; }

        [InitializingMessage]
        private Msg2? Second { get; set; }

        [InitializingMessage]
        private string? Text { get; set; }

        private ActorAddress? Msg1Sender { get; set; }

        private void InitDone() => Send(Msg1Sender!, Text!);

        private void ReceiveMsg(Msg3 message, ActorAddress sender)
        {
            Send(sender, Second!);
            _ = First;
        }
    }

    /// <summary>Waits for a Msg1; echoes "got text"; answers "config?" with the Msg1 it stored; reports each stage to whoever configured it.</summary>
    [InitializingMessages(InitDone = nameof(Ready))]
    private class Configured : Actor
    {
        [InitializingMessage(SenderMember = nameof(ConfiguredBy))]
        private Msg1? Config { get; set; }

        protected ActorAddress? ConfiguredBy { get; private set; }

        private void Ready() => Send(ConfiguredBy!, $"ready with {Config!.Tag}");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "config?":
                    Send(sender, Config!.Tag);
                    break;
                case string text:
                    Send(sender, $"got {text}");
                    break;
                case Msg1 another:
                    Send(sender, $"handled {another.Tag}");
                    break;
            }
        }
    }

    [InitializingMessages(InitDone = "Ready", PassThrough = true)]
    private sealed class PassingThrough : Configured;

    [InitializingMessages(InitDone = "NoSuchMethod")]
    private sealed class MissingInitDone : Actor
    {
        [InitializingMessage]
        private Msg1? Config { get; set; }

        public override void ReceiveMessage(object message, ActorAddress sender) => _ = Config;
    }

    [InitializingMessages]
    private sealed class NoMembers : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Troupe]
    private sealed class TroupeWithInit : Actor
    {
        [InitializingMessage]
        private Msg1? Config { get; set; }

        public override void ReceiveMessage(object message, ActorAddress sender) => _ = Config;
    }

    [Test]
    public void InitializingMessages_PythonsSimpleInit_HoldsThenRuns()
    {
        var proxy = System.CreateActor<ProxyActor>();
        System.Tell(proxy, System.CreateActor<Actor1>());

        System.Tell(proxy, new Msg1());
        Assert.That(System.Ask(proxy, "ready?", Brief), Is.Null, "a string is one of Actor1's initializing messages");
        Assert.That(System.Ask(proxy, new Msg2(), Patience), Is.EqualTo("init is done"));
        Assert.That(System.Ask(proxy, "running?", Patience), Is.EqualTo("s:running?"));

        var first = System.Ask(proxy, new Msg4(), Patience);
        var second = System.Listen(Patience);
        Assert.That(new[] { first, second }, Is.EquivalentTo(new object[] { "ready?", new Msg4() }));
    }

    [Test]
    public void InitializingMessages_OtherMessagesFirst_AreHeldAndDeliveredInOrderAfterInitDone()
    {
        var actor = System.CreateActor<Configured>();
        System.Tell(actor, "a");
        System.Tell(actor, "b");
        System.Tell(actor, "c");
        AssertNothingArrives();

        System.Tell(actor, new Msg1("cfg"));

        Assert.That(Collect(4), Is.EqualTo(new[] { "ready with cfg", "got a", "got b", "got c" }));
    }

    [Test]
    public void InitializingMessages_AfterInitialization_SameTypeIsAnOrdinaryMessage()
    {
        var actor = System.CreateActor<Configured>();
        Assert.That(System.Ask(actor, new Msg1("first"), Patience), Is.EqualTo("ready with first"));

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(actor, new Msg1("second"), Patience), Is.EqualTo("handled second"));
            Assert.That(System.Ask(actor, "config?", Patience), Is.EqualTo("first"));
        });
    }

    [Test]
    public void InitializingMessages_PassThrough_EveryMessageIsHandledAtOnce()
    {
        var actor = System.CreateActor<PassingThrough>();

        Assert.That(System.Ask(actor, "early", Patience), Is.EqualTo("got early"));
        System.Tell(actor, new Msg1("cfg"));

        Assert.That(Collect(2), Is.EqualTo(new[] { "handled cfg", "ready with cfg" }));
    }

    [Test]
    public void InitializingMessages_ExitBeforeInitialization_HeldMessagesAreDeadLetters()
    {
        var actor = System.CreateActor<Configured>();
        _ = RegisteredWatcher();
        System.Tell(actor, "held");

        System.Tell(actor, new ActorExitRequest());

        var seen = ListenFor<DeadLetterSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.DeadMessage, Is.EqualTo("held"));
            Assert.That(seen.DeadAddress, Is.EqualTo(actor));
        });
    }

    [Test]
    public void InitializingMessages_WithTransient_TimerStartsOnlyOnceInitializationIsDone()
    {
        // Python's test_init_transient.
        var proxy = System.CreateActor<ProxyActor>();
        System.Tell(proxy, System.CreateActor<Actor2>());
        System.Tell(proxy, new Msg1());
        Assert.That(System.Ask(proxy, "ready?", Brief), Is.Null);

        Thread.Sleep(TimeSpan.FromSeconds(1.2));   // longer than its transient delay: still waiting for Msg2, so no timer runs

        Assert.That(System.Ask(proxy, new Msg2(), Patience), Is.EqualTo("ready?"));
        Assert.That(System.Ask(proxy, new Msg3(), Patience), Is.EqualTo(new Msg2()));
        Eventually(() => System.Ask(proxy, new Msg3(), Brief) is null, "the transient actor exits after its delay");
    }

    [Test]
    public void CreateActor_InitDoneNamesNoMethod_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<MissingInitDone>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("NoSuchMethod"));
    }

    [Test]
    public void CreateActor_InitializingMessagesWithoutMembers_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<NoMembers>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("[InitializingMessage]"));
    }

    [Test]
    public void CreateActor_TroupeWithInitializingMessages_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<TroupeWithInit>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("[Troupe]"));
    }
}
