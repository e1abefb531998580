namespace Thespian.Tests.Behaviour;

/// <summary>ThespianStatusRequest to the system address and to actor addresses, answered by the system.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class StatusTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Reports every message it gets, system messages included, as "I saw TypeName".</summary>
    private sealed class Nosy : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is not ActorExitRequest)
            {
                Send(sender, $"I saw {message.GetType().Name}");
            }
        }
    }

    /// <summary>"child": creates a child and answers its address; "authority": becomes the source authority.</summary>
    private sealed class Parent : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "child":
                    Send(sender, CreateActor<EchoActor>());
                    break;
                case "authority":
                    RegisterSourceAuthority();
                    Send(sender, "registered");
                    break;
            }
        }
    }

    private ThespianSystemStatus SystemStatus() =>
        AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest());

    private ThespianActorStatus ActorStatus(ActorAddress actor) =>
        AskFor<ThespianActorStatus>(actor, new ThespianStatusRequest());

    [Test]
    public void SystemStatus_AdminAddress_IsTheSystemAddress()
    {
        Assert.That(SystemStatus().AdminAddress, Is.EqualTo(System.SystemAddress));
    }

    [Test]
    public void SystemStatus_ActorsCreated_ActorCountGrowsByThatMany()
    {
        var before = SystemStatus().ActorCount;

        _ = System.CreateActor<EchoActor>();
        _ = System.CreateActor<EchoActor>();

        Assert.That(SystemStatus().ActorCount, Is.EqualTo(before + 2));
    }

    [Test]
    public void SystemStatus_ChildActorCreated_IsCountedToo()
    {
        var parent = System.CreateActor<Parent>();
        var before = SystemStatus().ActorCount;

        _ = AskFor<ActorAddress>(parent, "child");

        Assert.That(SystemStatus().ActorCount, Is.EqualTo(before + 1));
    }

    [Test]
    public void SystemStatus_ActorExited_ActorCountShrinks()
    {
        var echo = System.CreateActor<EchoActor>();
        var before = SystemStatus().ActorCount;

        System.Tell(echo, new ActorExitRequest());

        Eventually(() => SystemStatus().ActorCount == before - 1, "the exited actor is no longer counted");
    }

    [Test]
    public void SystemStatus_DeadLetterHandlerRegistered_IsListed()
    {
        var watcher = System.CreateActor<DeadLetterWatcher>();
        Assert.That(System.Ask(watcher, "register", Patience), Is.EqualTo("registered"));

        Assert.That(SystemStatus().DeadLetterHandlers, Does.Contain(watcher));
    }

    [Test]
    public void SystemStatus_DeadLetterHandlerDeregistered_IsNoLongerListed()
    {
        var watcher = System.CreateActor<DeadLetterWatcher>();
        Assert.That(System.Ask(watcher, "register", Patience), Is.EqualTo("registered"));
        Assert.That(System.Ask(watcher, "unregister", Patience), Is.EqualTo("unregistered"));

        Assert.That(SystemStatus().DeadLetterHandlers, Does.Not.Contain(watcher));
    }

    [Test]
    public void SystemStatus_NoSourceAuthority_SourceAuthorityIsNull()
    {
        Assert.That(SystemStatus().SourceAuthority, Is.Null);
    }

    [Test]
    public void SystemStatus_AfterRegisterSourceAuthority_SourceAuthorityIsThatActor()
    {
        var authority = System.CreateActor<Parent>();
        Assert.That(System.Ask(authority, "authority", Patience), Is.EqualTo("registered"));

        Assert.That(SystemStatus().SourceAuthority, Is.EqualTo(authority));
    }

    [Test]
    public void SystemStatus_SecondSourceAuthorityRegisters_ReplacesTheFirst()
    {
        var first = System.CreateActor<Parent>();
        var second = System.CreateActor<Parent>();
        Assert.That(System.Ask(first, "authority", Patience), Is.EqualTo("registered"));
        Assert.That(System.Ask(second, "authority", Patience), Is.EqualTo("registered"));

        Assert.That(SystemStatus().SourceAuthority, Is.EqualTo(second));
    }

    [Test]
    public void SystemStatus_NothingLoaded_LoadedSourcesIsEmpty()
    {
        Assert.That(SystemStatus().LoadedSources, Is.Empty);
    }

    [Test]
    public void SystemStatus_NoConvention_ConventionLeaderIsNullAndNoMembers()
    {
        var status = SystemStatus();

        Assert.Multiple(() =>
        {
            Assert.That(status.ConventionLeader, Is.Null);
            Assert.That(status.ConventionMembers, Is.Empty);
        });
    }

    [Test]
    public void SystemStatus_NoNamedActors_GlobalNamesIsEmpty()
    {
        _ = System.CreateActor<EchoActor>();

        Assert.That(SystemStatus().GlobalNames, Is.Empty);
    }

    [Test]
    public void ActorStatus_AskedOfAnActor_IsAnsweredByTheSystemNotTheActor()
    {
        var nosy = System.CreateActor<Nosy>();
        Assert.That(System.Ask(nosy, "hello", Patience), Is.EqualTo("I saw String"));

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(nosy, new ThespianStatusRequest(), Patience), Is.InstanceOf<ThespianActorStatus>());
            Assert.That(System.Listen(Brief), Is.Null, "the actor itself never saw the status request");
        });
    }

    [Test]
    public void ActorStatus_ActorAddress_IsTheActorAsked()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(ActorStatus(echo).ActorAddress, Is.EqualTo(echo));
    }

    [Test]
    public void ActorStatus_ActorType_IsTheFullTypeName()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(ActorStatus(echo).ActorType, Is.EqualTo(typeof(EchoActor).FullName));
    }

    [Test]
    public void ActorStatus_NestedActorType_IsTheFullTypeNameWithPlus()
    {
        var nosy = System.CreateActor<Nosy>();

        Assert.That(ActorStatus(nosy).ActorType, Is.EqualTo("Thespian.Tests.Behaviour.StatusTests+Nosy"));
    }

    [Test]
    public void ActorStatus_TopLevelActor_ParentAddressIsNull()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(ActorStatus(echo).ParentAddress, Is.Null);
    }

    [Test]
    public void ActorStatus_ChildActor_ParentAddressIsItsCreator()
    {
        var parent = System.CreateActor<Parent>();
        var child = AskFor<ActorAddress>(parent, "child");

        Assert.That(ActorStatus(child).ParentAddress, Is.EqualTo(parent));
    }

    [Test]
    public void ActorStatus_Parent_ChildActorsListsItsChildren()
    {
        var parent = System.CreateActor<Parent>();
        var first = AskFor<ActorAddress>(parent, "child");
        var second = AskFor<ActorAddress>(parent, "child");

        Assert.That(ActorStatus(parent).ChildActors, Is.EquivalentTo(new[] { first, second }));
    }

    [Test]
    public void ActorStatus_ChildExited_IsNoLongerListed()
    {
        var parent = System.CreateActor<Parent>();
        var staying = AskFor<ActorAddress>(parent, "child");
        var leaving = AskFor<ActorAddress>(parent, "child");

        System.Tell(leaving, new ActorExitRequest());

        Eventually(() => ActorStatus(parent).ChildActors.SequenceEqual([staying]), "only the remaining child is listed");
    }

    [Test]
    public void ActorStatus_AskedOfAnExitedActor_NoAnswer()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, new ActorExitRequest());

        Assert.That(System.Ask(echo, new ThespianStatusRequest(), Brief), Is.Null);
    }

    [Test]
    public void ActorStatus_NewActor_HasNoChildren()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(ActorStatus(echo).ChildActors, Is.Empty);
    }

    [Test]
    public void ActorStatus_MessagesReceived_CountsApplicationMessagesButNotStatusRequests()
    {
        var echo = System.CreateActor<EchoActor>();
        _ = ActorStatus(echo);
        for (var i = 0; i < 3; i++)
        {
            Assert.That(System.Ask(echo, i, Patience), Is.EqualTo(i));
        }

        Assert.That(ActorStatus(echo).MessagesReceived, Is.EqualTo(3));
    }

    [Test]
    public void ActorStatus_MessagesSent_CountsTheActorsSends()
    {
        var echo = System.CreateActor<EchoActor>();
        for (var i = 0; i < 3; i++)
        {
            Assert.That(System.Ask(echo, i, Patience), Is.EqualTo(i));
        }

        Assert.That(ActorStatus(echo).MessagesSent, Is.EqualTo(3));
    }

    [Test]
    public void ActorStatus_NewActor_NoPendingWakeups()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(ActorStatus(echo).PendingWakeups, Is.Zero);
    }

    [Test]
    public void ActorStatus_NewActor_HasReceivedAndSentNothing()
    {
        var echo = System.CreateActor<EchoActor>();

        var status = ActorStatus(echo);

        Assert.Multiple(() =>
        {
            Assert.That(status.MessagesReceived, Is.Zero);
            Assert.That(status.MessagesSent, Is.Zero);
        });
    }
}
