namespace Thespian.Tests.Behaviour;

/// <summary>Exit requests, children and ChildActorExited (guide §2.2).</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class LifecycleTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Asks a <see cref="Parent"/> to create a child; it answers with the child's address.</summary>
    public sealed record CreateChild(bool ThrowingConstructor = false, string? GlobalName = null, bool AsParent = false);

    /// <summary>What a <see cref="Parent"/> reports to its watcher when it gets a <see cref="ChildActorExited"/>.</summary>
    public sealed record ChildGone(ActorAddress ChildAddress);

    /// <summary>What a <see cref="Witness"/> reports when it sees an <see cref="ActorExitRequest"/>.</summary>
    public sealed record SawExit(ActorAddress Who, bool IsRecursive);

    /// <summary>
    /// Echoes strings; "register" makes the sender its reporter (answer "registered"); reports every
    /// <see cref="ActorExitRequest"/> it gets as <see cref="SawExit"/>.
    /// </summary>
    private class Witness : Actor
    {
        protected ActorAddress? Reporter { get; private set; }

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "register":
                    Reporter = sender;
                    Send(sender, "registered");
                    break;
                case ActorExitRequest exit when Reporter is not null:
                    Send(Reporter, new SawExit(MyAddress, exit.IsRecursive));
                    break;
                case string text:
                    Send(sender, text);
                    break;
                default:
                    Other(message, sender);
                    break;
            }
        }

        protected virtual void Other(object message, ActorAddress sender)
        {
        }
    }

    private sealed class Child : Witness
    {
    }

    private sealed class ThrowingChild : Actor
    {
        public ThrowingChild() => throw new InvalidOperationException("this child cannot start");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    /// <summary>A witness that creates children on <see cref="CreateChild"/> and reports their exits as <see cref="ChildGone"/>.</summary>
    private class Parent : Witness
    {
        protected override void Other(object message, ActorAddress sender)
        {
            switch (message)
            {
                case CreateChild { ThrowingConstructor: true }:
                    Send(sender, CreateActor<ThrowingChild>());
                    break;
                case CreateChild { AsParent: true }:
                    Send(sender, CreateActor<Parent>());
                    break;
                case CreateChild create:
                    Send(sender, CreateActor<Child>(globalName: create.GlobalName));
                    break;
                case ChildActorExited exited when Reporter is not null:
                    Send(Reporter, new ChildGone(exited.ChildAddress));
                    break;
            }
        }
    }

    /// <summary>A parent that keeps its children alive when it exits (calls <see cref="ActorExitRequest.NotRecursive"/>).</summary>
    private sealed class KeepChildrenParent : Parent
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is ActorExitRequest exit)
            {
                exit.NotRecursive();
            }

            base.ReceiveMessage(message, sender);
        }
    }

    /// <summary>Throws while handling its exit request.</summary>
    private sealed class ThrowsOnExit : Witness
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            base.ReceiveMessage(message, sender);
            if (message is ActorExitRequest)
            {
                throw new InvalidOperationException("refusing to exit");
            }
        }
    }

    private ActorAddress StartParentWithChild<TParent>(out ActorAddress child)
        where TParent : Parent
    {
        var parent = System.CreateActor<TParent>();
        Assert.That(System.Ask(parent, "register", Patience), Is.EqualTo("registered"));
        child = AskFor<ActorAddress>(parent, new CreateChild());
        Assert.That(System.Ask(child, "register", Patience), Is.EqualTo("registered"));
        return parent;
    }

    [Test]
    public void ActorExitRequest_Delivered_ActorSeesItInReceiveMessage()
    {
        var witness = System.CreateActor<Witness>();
        Assert.That(System.Ask(witness, "register", Patience), Is.EqualTo("registered"));

        System.Tell(witness, new ActorExitRequest());

        Assert.That(ListenFor<SawExit>().Who, Is.EqualTo(witness));
    }

    [Test]
    public void ActorExitRequest_Handled_ActorStopsAnsweringAfterwards()
    {
        var witness = System.CreateActor<Witness>();
        Assert.That(System.Ask(witness, "ping", Patience), Is.EqualTo("ping"));

        System.Tell(witness, new ActorExitRequest());

        Assert.That(System.Ask(witness, "ping", Brief), Is.Null);
    }

    [Test]
    public void ActorExitRequest_Handled_LaterMessagesBecomeDeadLetters()
    {
        var witness = System.CreateActor<Witness>();
        var watcher = System.CreateActor<DeadLetterWatcher>();
        Assert.That(System.Ask(watcher, "register", Patience), Is.EqualTo("registered"));

        System.Tell(witness, new ActorExitRequest());
        System.Tell(witness, "too late");

        var seen = ListenFor<DeadLetterSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.DeadMessage, Is.EqualTo("too late"));
            Assert.That(seen.DeadAddress, Is.EqualTo(witness));
        });
    }

    [Test]
    public void ActorExitRequest_DefaultIsRecursive_TheActorSeesIsRecursiveTrue()
    {
        var witness = System.CreateActor<Witness>();
        Assert.That(System.Ask(witness, "register", Patience), Is.EqualTo("registered"));

        System.Tell(witness, new ActorExitRequest());

        Assert.That(ListenFor<SawExit>().IsRecursive, Is.True);
    }

    [Test]
    public void ActorExitRequest_ToParent_ChildAlsoSeesAnExitRequest()
    {
        var parent = StartParentWithChild<Parent>(out var child);

        System.Tell(parent, new ActorExitRequest());

        var reports = Collect(2).OfType<SawExit>().Select(r => r.Who);
        Assert.That(reports, Is.EquivalentTo(new[] { parent, child }));
    }

    [Test]
    public void ActorExitRequest_ToParent_ChildStopsToo()
    {
        var parent = StartParentWithChild<Parent>(out var child);

        System.Tell(parent, new ActorExitRequest());
        _ = Collect(2);

        Assert.That(System.Ask(child, "ping", Brief), Is.Null);
    }

    [Test]
    public void ActorExitRequest_ToGrandparent_GrandchildStopsToo()
    {
        var grandparent = System.CreateActor<Parent>();
        var parent = AskFor<ActorAddress>(grandparent, new CreateChild(AsParent: true));
        var grandchild = AskFor<ActorAddress>(parent, new CreateChild());
        Assert.That(System.Ask(grandchild, "ping", Patience), Is.EqualTo("ping"));

        System.Tell(grandparent, new ActorExitRequest());
        WaitForActorCount(0);

        Assert.That(System.Ask(grandchild, "ping", Brief), Is.Null);
    }

    [Test]
    public void ActorExitRequest_NotRecursiveCalledByParent_ChildKeepsAnswering()
    {
        var parent = StartParentWithChild<KeepChildrenParent>(out var child);

        System.Tell(parent, new ActorExitRequest());
        Assert.That(ListenFor<SawExit>().Who, Is.EqualTo(parent));

        Assert.That(System.Ask(child, "still here?", Patience), Is.EqualTo("still here?"));
    }

    [Test]
    public void ActorExitRequest_NotRecursiveCalledByParent_ParentItselfStops()
    {
        var parent = StartParentWithChild<KeepChildrenParent>(out _);

        System.Tell(parent, new ActorExitRequest());
        _ = ListenFor<SawExit>();

        Assert.That(System.Ask(parent, "ping", Brief), Is.Null);
    }

    [Test]
    public void ActorExitRequest_NotRecursiveCalledByParent_ChildSeesNoExitRequest()
    {
        var parent = StartParentWithChild<KeepChildrenParent>(out _);

        System.Tell(parent, new ActorExitRequest());
        _ = ListenFor<SawExit>();

        AssertNothingArrives();
    }

    [Test]
    public void ActorExitRequest_CreatedNonRecursive_ChildKeepsAnswering()
    {
        var parent = StartParentWithChild<Parent>(out var child);

        System.Tell(parent, new ActorExitRequest(recursive: false));
        Assert.That(ListenFor<SawExit>().IsRecursive, Is.False);

        Assert.That(System.Ask(child, "still here?", Patience), Is.EqualTo("still here?"));
    }

    [Test]
    public void ActorExitRequest_HandlerThrows_ActorStillStops()
    {
        var actor = System.CreateActor<ThrowsOnExit>();
        Assert.That(System.Ask(actor, "register", Patience), Is.EqualTo("registered"));

        System.Tell(actor, new ActorExitRequest());
        _ = ListenFor<SawExit>();

        Assert.That(System.Ask(actor, "ping", Brief), Is.Null);
    }

    [Test]
    public void ChildActorExited_ChildExits_ParentGetsItWithTheChildAddress()
    {
        _ = StartParentWithChild<Parent>(out var child);

        System.Tell(child, new ActorExitRequest());

        var messages = Collect(2);
        Assert.That(messages.OfType<ChildGone>().Select(g => g.ChildAddress), Is.EqualTo(new[] { child }));
    }

    [Test]
    public void ChildActorExited_ParentStaysAlive_AndCanCreateAnotherChild()
    {
        var parent = StartParentWithChild<Parent>(out var child);
        System.Tell(child, new ActorExitRequest());
        _ = Collect(2);

        var second = AskFor<ActorAddress>(parent, new CreateChild());

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(child));
            Assert.That(System.Ask(second, "ping", Patience), Is.EqualTo("ping"));
        });
    }

    [Test]
    public void ChildActorExited_NamedActorCreatedByAnActorExits_CreatorIsNotNotified()
    {
        var parent = System.CreateActor<Parent>();
        Assert.That(System.Ask(parent, "register", Patience), Is.EqualTo("registered"));
        var named = AskFor<ActorAddress>(parent, new CreateChild(GlobalName: "lifecycle-named"));
        Assert.That(System.Ask(named, "ping", Patience), Is.EqualTo("ping"));

        System.Tell(named, new ActorExitRequest());

        Assert.Multiple(() =>
        {
            Assert.That(System.Listen(Brief), Is.Null, "no ChildGone report from the creator");
            Assert.That(System.Ask(named, "ping", Brief), Is.Null, "the named actor did exit");
        });
    }

    [Test]
    public void CreateActor_ChildConstructorThrows_ParentGetsAnAddressAtOnce()
    {
        var parent = System.CreateActor<Parent>();

        Assert.That(System.Ask(parent, new CreateChild(ThrowingConstructor: true), Patience), Is.InstanceOf<ActorAddress>());
    }

    [Test]
    public void CreateActor_ChildConstructorThrows_ParentGetsChildActorExited()
    {
        var parent = System.CreateActor<Parent>();
        Assert.That(System.Ask(parent, "register", Patience), Is.EqualTo("registered"));

        System.Tell(parent, new CreateChild(ThrowingConstructor: true));

        var messages = Collect(2);
        var child = messages.OfType<ActorAddress>().Single();
        Assert.That(messages.OfType<ChildGone>().Select(g => g.ChildAddress), Is.EqualTo(new[] { child }));
    }

    [Test]
    public void CreateActor_ChildConstructorThrows_MessagesToItBecomeDeadLetters()
    {
        var watcher = System.CreateActor<DeadLetterWatcher>();
        Assert.That(System.Ask(watcher, "register", Patience), Is.EqualTo("registered"));
        var parent = System.CreateActor<Parent>();
        var child = AskFor<ActorAddress>(parent, new CreateChild(ThrowingConstructor: true));

        System.Tell(child, "hello?");

        var seen = ListenFor<DeadLetterSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.DeadMessage, Is.EqualTo("hello?"));
            Assert.That(seen.DeadAddress, Is.EqualTo(child));
        });
    }

    [Test]
    public void CreateActor_FromTheSystemWithAThrowingConstructor_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<ThrowingChild>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>()
                          .With.Message.Contains("this child cannot start"));
    }

    [Test]
    public void CreateActor_FromTheSystemWithAThrowingConstructor_SystemKeepsWorking()
    {
        Assert.That(() => System.CreateActor<ThrowingChild>(), Throws.InstanceOf<InvalidActorSpecificationException>());

        var echo = System.CreateActor<EchoActor>();

        Assert.That(System.Ask(echo, "fine", Patience), Is.EqualTo("fine"));
    }
}
