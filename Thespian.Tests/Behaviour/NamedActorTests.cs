namespace Thespian.Tests.Behaviour;

/// <summary>Named actors: one address per global name, managed by the system (guide §4.6).</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class NamedActorTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Asks a <see cref="Creator"/> to create a named <see cref="Named"/> actor and answer its address.</summary>
    public sealed record CreateNamed(string GlobalName);

    /// <summary>Asks a <see cref="Creator"/> to create a named actor from a type name and answer its address.</summary>
    public sealed record CreateNamedOfType(string TypeName, string GlobalName);

    /// <summary>Asks a <see cref="Creator"/> to send <paramref name="Text"/> to <paramref name="Target"/> and relay the answer.</summary>
    public sealed record Relay(ActorAddress Target, string Text);

    private const string NoSuchType = "Thespian.Tests.NoSuchNamespace.NoSuchActor";

    /// <summary>
    /// A named actor whose constructor does not return until a file exists: its global name is that file's path (so a
    /// test decides, from outside its process, when it starts running). Echoes strings.
    /// </summary>
    private sealed class StartsWhenTheFileExists : Actor
    {
        public StartsWhenTheFileExists()
        {
            var barrier = GlobalName!;
            _ = SpinWait.SpinUntil(() => File.Exists(barrier), TimeSpan.FromSeconds(30));
        }

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is string text)
            {
                Send(sender, text);
            }
        }
    }

    /// <summary>Answers "name?" with its GlobalName ("(none)" when unnamed) and echoes other strings.</summary>
    private sealed class Named : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "name?":
                    Send(sender, GlobalName ?? "(none)");
                    break;
                case string text:
                    Send(sender, text);
                    break;
            }
        }
    }

    private sealed class OtherNamed : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is string)
            {
                Send(sender, "other type");
            }
        }
    }

    private sealed class ThrowingNamed : Actor
    {
        public ThrowingNamed() => throw new InvalidOperationException("cannot start");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private sealed class Creator : Actor
    {
        private ActorAddress? _relayTo;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case CreateNamed create:
                    Send(sender, CreateActor<Named>(globalName: create.GlobalName));
                    break;
                case CreateNamedOfType create:
                    Send(sender, CreateActor(create.TypeName, globalName: create.GlobalName));
                    break;
                case "ping":
                    Send(sender, "pong");
                    break;
                case Relay relay:
                    _relayTo = sender;
                    Send(relay.Target, relay.Text);
                    break;
                case string text when _relayTo is not null:
                    Send(_relayTo, $"relayed: {text}");
                    break;
            }
        }
    }

    [Test]
    public void CreateActor_SameGlobalNameTwice_ReturnsTheSameAddress()
    {
        var first = System.CreateActor<Named>(globalName: "svc");
        var second = System.CreateActor<Named>(globalName: "svc");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void CreateActor_DifferentGlobalNames_ReturnDifferentAddresses()
    {
        var first = System.CreateActor<Named>(globalName: "svc-a");
        var second = System.CreateActor<Named>(globalName: "svc-b");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void CreateActor_SameGlobalNameTwice_OneActorServesBoth()
    {
        var first = System.CreateActor<Named>(globalName: "svc");
        var second = System.CreateActor<Named>(globalName: "svc");
        var countBefore = AskFor<ThespianActorStatus>(first, new ThespianStatusRequest()).MessagesReceived;

        _ = System.Ask(second, "via second", Patience);

        Assert.That(AskFor<ThespianActorStatus>(first, new ThespianStatusRequest()).MessagesReceived,
                    Is.EqualTo(countBefore + 1));
    }

    [Test]
    public void CreateActor_SameGlobalNameWithAnotherType_ReturnsTheRunningActor()
    {
        var first = System.CreateActor<Named>(globalName: "svc");
        var second = System.CreateActor<OtherNamed>(globalName: "svc");

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(System.Ask(second, "who?", Patience), Is.EqualTo("who?"));
        });
    }

    [Test]
    public void CreateActor_GlobalNameFromInsideAnActor_ReturnsTheAddressTheSystemGave()
    {
        var fromSystem = System.CreateActor<Named>(globalName: "shared");
        var creator = System.CreateActor<Creator>();

        Assert.That(System.Ask(creator, new CreateNamed("shared"), Patience), Is.EqualTo(fromSystem));
    }

    [Test]
    public void CreateActor_GlobalNameFirstFromAnActor_SystemCreateReturnsTheSameAddress()
    {
        var creator = System.CreateActor<Creator>();
        var fromActor = AskFor<ActorAddress>(creator, new CreateNamed("shared"));

        Assert.That(System.CreateActor<Named>(globalName: "shared"), Is.EqualTo(fromActor));
    }

    [Test]
    public void CreateActor_GlobalNameFromTwoActors_BothGetTheSameAddress()
    {
        var first = System.CreateActor<Creator>();
        var second = System.CreateActor<Creator>();

        var fromFirst = AskFor<ActorAddress>(first, new CreateNamed("shared"));
        var fromSecond = AskFor<ActorAddress>(second, new CreateNamed("shared"));

        Assert.That(fromSecond, Is.EqualTo(fromFirst));
    }

    [Test]
    public void CreateActor_TypeNameThatResolvesToNothing_NameHeld_ReturnsTheHolder()
    {
        var holder = System.CreateActor<Named>(globalName: "held");

        Assert.That(System.CreateActor(NoSuchType, globalName: "held"), Is.EqualTo(holder));
    }

    [Test]
    public void CreateActor_TypeNameThatResolvesToNothingFromInsideAnActor_NameHeld_ReturnsTheHolder()
    {
        var holder = System.CreateActor<Named>(globalName: "held");
        var creator = System.CreateActor<Creator>();

        Assert.That(System.Ask(creator, new CreateNamedOfType(NoSuchType, "held"), Patience), Is.EqualTo(holder));
    }

    [Test]
    public void CreateActor_TypeNameThatResolvesToNothing_NameFree_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor(NoSuchType, globalName: "free"),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("NoSuchActor"));
    }

    [Test]
    public void CreateActor_TypeNameThatResolvesToNothingFromInsideAnActor_NameFree_SenderGetsPoison()
    {
        var creator = System.CreateActor<Creator>();

        var answer = AskFor<PoisonMessage>(creator, new CreateNamedOfType(NoSuchType, "free"));

        Assert.That(answer.Details, Does.Contain(nameof(InvalidActorSpecificationException)));
    }

    [Test]
    public void CreateActor_GlobalNameFromInsideAnActor_DoesNotWaitForTheNamedActorsProcess()
    {
        if (!IsMultiproc)
        {
            Assert.Ignore("On the simple base every actor runs in the caller's thread: a constructor that waits blocks it all.");
        }

        var barrier = Path.Combine(Path.GetTempPath(), $"thespian-named-start-{Guid.NewGuid():N}");
        try
        {
            var creator = System.CreateActor<Creator>();

            // The named actor cannot run until the barrier file exists, yet its creator gets its address and goes on.
            var named = AskFor<ActorAddress>(creator, new CreateNamedOfType(typeof(StartsWhenTheFileExists).AssemblyQualifiedName!, barrier));
            Assert.That(System.Ask(creator, "ping", Patience), Is.EqualTo("pong"));
            System.Tell(creator, new Relay(named, "sent before it ran"));

            File.WriteAllText(barrier, "go");

            Assert.Multiple(() =>
            {
                Assert.That(System.Listen(Patience), Is.EqualTo("relayed: sent before it ran"), "the message waited for the actor");
                Assert.That(System.CreateActor<StartsWhenTheFileExists>(globalName: barrier), Is.EqualTo(named));
            });
        }
        finally
        {
            File.WriteAllText(barrier, "go");
            File.Delete(barrier);
        }
    }

    [Test]
    public void GlobalName_NamedActor_IsTheNameItWasCreatedWith()
    {
        var named = System.CreateActor<Named>(globalName: "svc");

        Assert.That(System.Ask(named, "name?", Patience), Is.EqualTo("svc"));
    }

    [Test]
    public void GlobalName_NamedActorCreatedByAnActor_IsTheNameItWasCreatedWith()
    {
        var creator = System.CreateActor<Creator>();
        var named = AskFor<ActorAddress>(creator, new CreateNamed("child-svc"));

        Assert.That(System.Ask(named, "name?", Patience), Is.EqualTo("child-svc"));
    }

    [Test]
    public void GlobalName_UnnamedActor_IsNull()
    {
        var unnamed = System.CreateActor<Named>();

        Assert.That(System.Ask(unnamed, "name?", Patience), Is.EqualTo("(none)"));
    }

    [Test]
    public void CreateActor_NameOfAnExitedActor_CreatesANewActor()
    {
        var first = System.CreateActor<Named>(globalName: "svc");
        System.Tell(first, new ActorExitRequest());
        Assert.That(System.Ask(first, "ping", Brief), Is.Null);

        var second = System.CreateActor<Named>(globalName: "svc");

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(System.Ask(second, "ping", Patience), Is.EqualTo("ping"));
        });
    }

    [Test]
    public void CreateActor_NamedActorWhoseConstructorThrows_LeavesTheNameFree()
    {
        Assert.That(() => System.CreateActor<ThrowingNamed>(globalName: "svc"),
                    Throws.InstanceOf<InvalidActorSpecificationException>());

        var named = System.CreateActor<Named>(globalName: "svc");

        Assert.That(System.Ask(named, "name?", Patience), Is.EqualTo("svc"));
    }

    [Test]
    public void Status_NamedActorCreatedByAnActor_ParentAddressIsNull()
    {
        var creator = System.CreateActor<Creator>();
        var named = AskFor<ActorAddress>(creator, new CreateNamed("orphan-by-design"));

        Assert.That(AskFor<ThespianActorStatus>(named, new ThespianStatusRequest()).ParentAddress, Is.Null);
    }

    [Test]
    public void Status_NamedActorCreatedByAnActor_IsNotAmongTheCreatorsChildren()
    {
        var creator = System.CreateActor<Creator>();
        var named = AskFor<ActorAddress>(creator, new CreateNamed("not-a-child"));

        Assert.That(AskFor<ThespianActorStatus>(creator, new ThespianStatusRequest()).ChildActors, Does.Not.Contain(named));
    }

    [Test]
    public void SystemStatus_NamedActor_IsListedInGlobalNames()
    {
        var named = System.CreateActor<Named>(globalName: "listed");

        var status = AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest());

        Assert.That(status.GlobalNames, Does.ContainKey("listed").WithValue(named));
    }

    [Test]
    public void SystemStatus_NamedActorExited_IsNoLongerListed()
    {
        var named = System.CreateActor<Named>(globalName: "gone");
        System.Tell(named, new ActorExitRequest());
        Assert.That(System.Ask(named, "ping", Brief), Is.Null);

        var status = AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest());

        Assert.That(status.GlobalNames, Does.Not.ContainKey("gone"));
    }
}
