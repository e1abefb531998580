namespace Thespian.Tests.Unit.Simple;

/// <summary>The <see cref="ThespianSystemStatus"/> the simple base builds when its own address is asked.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
[NonParallelizable]
public sealed class SimpleSystemStatusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private ActorSystem _system = null!;

    /// <summary>Takes on system roles on request, and answers "ok".</summary>
    private sealed class RoleTaker : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "handle dead letters":
                    HandleDeadLetters();
                    break;
                case "stop handling dead letters":
                    HandleDeadLetters(startHandling: false);
                    break;
                case "be the source authority":
                    RegisterSourceAuthority();
                    break;
                case "spawn":
                    CreateActor<RoleTaker>();
                    break;
                default:
                    return;
            }

            Send(sender, "ok");
        }
    }

    [SetUp]
    public void StartSystem() =>
        _system = new ActorSystem(SystemBaseNames.Simple, new Dictionary<string, object?> { ["Color"] = "Yellow" },
                                  LogDefs.Disabled, transientUnique: true);

    [TearDown]
    public void StopSystem() => _system.Shutdown();

    private ThespianSystemStatus Status()
    {
        var answer = _system.Ask(_system.SystemAddress, new ThespianStatusRequest(), Patience);
        Assert.That(answer, Is.InstanceOf<ThespianSystemStatus>());
        return (ThespianSystemStatus)answer!;
    }

    private void Tell(ActorAddress actor, string request) =>
        Assert.That(_system.Ask(actor, request, Patience), Is.EqualTo("ok"), request);

    [Test]
    public void Status_NewSystem_IsEmptyAndNamesTheSystemAddress()
    {
        var status = Status();

        Assert.That(status.AdminAddress, Is.EqualTo(_system.SystemAddress));
        Assert.That(status.ActorCount, Is.Zero);
        Assert.That(status.GlobalNames, Is.Empty);
        Assert.That(status.DeadLetterHandlers, Is.Empty);
        Assert.That(status.SourceAuthority, Is.Null);
        Assert.That(status.LoadedSources, Is.Empty);
        Assert.That(status.ConventionLeader, Is.Null);
        Assert.That(status.ConventionMembers, Is.Empty);
    }

    [Test]
    public void Status_TopLevelActorsAndAChild_CountsEveryLiveActor()
    {
        var first = _system.CreateActor<RoleTaker>();
        _system.CreateActor<RoleTaker>();
        Tell(first, "spawn");

        Assert.That(Status().ActorCount, Is.EqualTo(3));
    }

    [Test]
    public void Status_AfterAnActorExits_CountsOneLess()
    {
        var leaving = _system.CreateActor<RoleTaker>();
        _system.CreateActor<RoleTaker>();

        _system.Tell(leaving, new ActorExitRequest());

        Assert.That(Status().ActorCount, Is.EqualTo(1));
    }

    [Test]
    public void Status_NamedActor_IsListedUnderItsGlobalName()
    {
        var named = _system.CreateActor<RoleTaker>(globalName: "registry");
        _system.CreateActor<RoleTaker>();

        var status = Status();

        Assert.That(status.GlobalNames, Has.Count.EqualTo(1));
        Assert.That(status.GlobalNames["registry"], Is.EqualTo(named));
    }

    [Test]
    public void Status_NamedActorExited_ItsNameIsGone()
    {
        var named = _system.CreateActor<RoleTaker>(globalName: "registry");

        _system.Tell(named, new ActorExitRequest());

        Assert.That(Status().GlobalNames, Is.Empty);
    }

    [Test]
    public void Status_DeadLetterHandler_IsListed()
    {
        var handler = _system.CreateActor<RoleTaker>();
        _system.CreateActor<RoleTaker>();

        Tell(handler, "handle dead letters");

        Assert.That(Status().DeadLetterHandlers, Is.EqualTo(Seq.Of(handler)));
    }

    [Test]
    public void Status_DeadLetterHandlerDeregistered_IsNoLongerListed()
    {
        var handler = _system.CreateActor<RoleTaker>();
        Tell(handler, "handle dead letters");

        Tell(handler, "stop handling dead letters");

        Assert.That(Status().DeadLetterHandlers, Is.Empty);
    }

    [Test]
    public void Status_DeadLetterHandlerExited_IsNoLongerListed()
    {
        var handler = _system.CreateActor<RoleTaker>();
        Tell(handler, "handle dead letters");

        _system.Tell(handler, new ActorExitRequest());

        Assert.That(Status().DeadLetterHandlers, Is.Empty);
    }

    [Test]
    public void Status_SourceAuthorityRegistered_IsNamed()
    {
        var authority = _system.CreateActor<RoleTaker>();

        Tell(authority, "be the source authority");

        Assert.That(Status().SourceAuthority, Is.EqualTo(authority));
    }

    [Test]
    public void Status_Capabilities_IncludeTheInitialAndTheCommonOnes()
    {
        var capabilities = Status().Capabilities;

        Assert.That(capabilities["Color"], Is.EqualTo("Yellow"));
        Assert.That(capabilities[CommonCapabilities.ActorSystemName], Is.EqualTo(SystemBaseNames.Simple));
        Assert.That(capabilities[CommonCapabilities.AllowRemoteActorSources], Is.EqualTo("Yes"));
        Assert.That(capabilities[CommonCapabilities.WatchSupported], Is.EqualTo(false));
    }

    [Test]
    public void Status_AfterUpdateCapability_ReflectsTheChange()
    {
        _system.UpdateCapability("Color", "Green");
        _system.UpdateCapability("Lit", true);

        var capabilities = Status().Capabilities;

        Assert.That(capabilities["Color"], Is.EqualTo("Green"));
        Assert.That(capabilities["Lit"], Is.EqualTo(true));
    }

    [Test]
    public void Status_AskedOfAnActor_IsThatActorsStatusWithItsChild()
    {
        var parent = _system.CreateActor<RoleTaker>();
        Tell(parent, "spawn");

        var answer = _system.Ask(parent, new ThespianStatusRequest(), Patience);

        Assert.That(answer, Is.InstanceOf<ThespianActorStatus>());
        var status = (ThespianActorStatus)answer!;
        Assert.That(status.ActorAddress, Is.EqualTo(parent));
        Assert.That(status.ActorType, Is.EqualTo(typeof(RoleTaker).FullName));
        Assert.That(status.ChildActors, Has.Count.EqualTo(1));
        Assert.That(status.MessagesReceived, Is.EqualTo(1));
        Assert.That(status.MessagesSent, Is.EqualTo(1));
    }
}
