namespace Thespian.Tests.Behaviour;

/// <summary>Bad arguments get clear errors and harm nothing else.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class BadInputTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Asks a <see cref="Sender"/> to send "hello" to <paramref name="Target"/>.</summary>
    public sealed record SendTo(ActorAddress Target);

    private sealed class ByName : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is string text)
            {
                Send(sender, $"by name: {text}");
            }
        }
    }

    private abstract class AbstractActor : Actor
    {
    }

    private sealed class NoParameterlessConstructor(string name) : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender) => Send(sender, name);
    }

    private sealed class GenericActor<T> : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender) => Send(sender, typeof(T).Name);
    }

    [Troupe(MaxCount = 0)]
    private sealed class EmptyTroupe : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Troupe(IdleCount = -1)]
    private sealed class NegativeIdleTroupe : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    /// <summary>Sends "hello" where told; answers the type name of any exception, or "sent".</summary>
    private sealed class Sender : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case SendTo sendTo:
                    try
                    {
                        Send(sendTo.Target, "hello");
                        Send(sender, "sent");
                    }
                    catch (Exception ex)
                    {
                        Send(sender, ex.GetType().Name);
                    }

                    break;
                case "null message":
                    try
                    {
                        Send(sender, null!);
                    }
                    catch (Exception ex)
                    {
                        Send(sender, ex.GetType().Name);
                    }

                    break;
                case "null target":
                    try
                    {
                        Send(null!, "hello");
                    }
                    catch (Exception ex)
                    {
                        Send(sender, ex.GetType().Name);
                    }

                    break;
            }
        }
    }

    /// <summary>Like <see cref="Sender"/> but lets the exception escape, so it comes back as poison.</summary>
    private sealed class CarelessSender : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is SendTo sendTo)
            {
                Send(sendTo.Target, "hello");
            }
        }
    }

    private ActorAddress ActorOfAnotherSystem(out ActorSystem other)
    {
        other = StartSystem(capabilities: null);
        return other.CreateActor<EchoActor>();
    }

    [Test]
    public void Tell_NullTarget_ThrowsArgumentNullException()
    {
        Assert.That(() => System.Tell(null!, "hello"), Throws.ArgumentNullException);
    }

    [Test]
    public void Tell_NullMessage_ThrowsArgumentNullException()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(() => System.Tell(echo, null!), Throws.ArgumentNullException);
    }

    [Test]
    public void Ask_NullTarget_ThrowsArgumentNullException()
    {
        Assert.That(() => System.Ask(null!, "hello", Brief), Throws.ArgumentNullException);
    }

    [Test]
    public void Ask_NullMessage_ThrowsArgumentNullException()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(() => System.Ask(echo, null!, Brief), Throws.ArgumentNullException);
    }

    [Test]
    public void AskAsync_NullTarget_ThrowsArgumentNullException()
    {
        Assert.That(() => System.AskAsync(null!, "hello", Brief), Throws.ArgumentNullException);
    }

    [Test]
    public void AskAsync_NullMessage_ThrowsArgumentNullException()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(() => System.AskAsync(echo, null!, Brief), Throws.ArgumentNullException);
    }

    [Test]
    public void Tell_NullMessage_NothingIsSentAndTheSystemKeepsWorking()
    {
        var echo = System.CreateActor<EchoActor>();
        Assert.That(() => System.Tell(echo, null!), Throws.ArgumentNullException);

        Assert.That(System.Ask(echo, "fine", Patience), Is.EqualTo("fine"));
    }

    [Test]
    public void Send_NullMessageFromAnActor_ThrowsArgumentNullException()
    {
        var sender = System.CreateActor<Sender>();

        Assert.That(System.Ask(sender, "null message", Patience), Is.EqualTo(nameof(ArgumentNullException)));
    }

    [Test]
    public void Send_NullTargetFromAnActor_ThrowsArgumentNullException()
    {
        var sender = System.CreateActor<Sender>();

        Assert.That(System.Ask(sender, "null target", Patience), Is.EqualTo(nameof(ArgumentNullException)));
    }

    [Test]
    public void CreateActor_NullType_ThrowsArgumentNullException()
    {
        Assert.That(() => System.CreateActor((Type)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void CreateActor_NullTypeName_ThrowsArgumentNullException()
    {
        Assert.That(() => System.CreateActor((string)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void CreateActor_NotAnActorType_ThrowsInvalidActorSpecificationExceptionNamingTheType()
    {
        Assert.That(() => System.CreateActor(typeof(string)),
                    Throws.InstanceOf<InvalidActorSpecificationException>()
                          .With.Message.Contains("System.String").And.Message.Contains("Actor"));
    }

    [Test]
    public void CreateActor_AbstractActorType_ThrowsInvalidActorSpecificationExceptionSayingAbstract()
    {
        Assert.That(() => System.CreateActor<AbstractActor>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>()
                          .With.Message.Contains(nameof(AbstractActor)).And.Message.Contains("abstract"));
    }

    [Test]
    public void CreateActor_NoParameterlessConstructor_ThrowsInvalidActorSpecificationExceptionSayingSo()
    {
        Assert.That(() => System.CreateActor<NoParameterlessConstructor>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>()
                          .With.Message.Contains(nameof(NoParameterlessConstructor))
                          .And.Message.Contains("parameterless constructor"));
    }

    [Test]
    public void CreateActor_OpenGenericType_ThrowsInvalidActorSpecificationExceptionSayingOpenGeneric()
    {
        Assert.That(() => System.CreateActor(typeof(GenericActor<>)),
                    Throws.InstanceOf<InvalidActorSpecificationException>()
                          .With.Message.Contains("GenericActor").And.Message.Contains("open generic"));
    }

    [Test]
    public void CreateActor_ClosedGenericType_Works()
    {
        var actor = System.CreateActor<GenericActor<int>>();

        Assert.That(System.Ask(actor, "which?", Patience), Is.EqualTo("Int32"));
    }

    [Test]
    public void CreateActor_UnknownTypeName_ThrowsInvalidActorSpecificationExceptionNamingIt()
    {
        Assert.That(() => System.CreateActor("No.Such.Type"),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("No.Such.Type"));
    }

    [Test]
    public void CreateActor_EmptyTypeName_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor("  "), Throws.InstanceOf<InvalidActorSpecificationException>());
    }

    [Test]
    public void CreateActor_TypeNameOfANonActor_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor("System.Text.StringBuilder"),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("StringBuilder"));
    }

    [Test]
    public void CreateActor_NamespaceQualifiedNestedTypeName_CreatesTheActor()
    {
        var actor = System.CreateActor("Thespian.Tests.Behaviour.BadInputTests+ByName");

        Assert.That(System.Ask(actor, "hi", Patience), Is.EqualTo("by name: hi"));
    }

    [Test]
    public void CreateActor_AssemblyQualifiedTypeName_CreatesTheActor()
    {
        var actor = System.CreateActor(typeof(ByName).AssemblyQualifiedName!);

        Assert.That(System.Ask(actor, "hi", Patience), Is.EqualTo("by name: hi"));
    }

    [Test]
    public void CreateActor_TroupeWithMaxCountZero_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<EmptyTroupe>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("MaxCount"));
    }

    [Test]
    public void CreateActor_TroupeWithNegativeIdleCount_ThrowsInvalidActorSpecificationException()
    {
        Assert.That(() => System.CreateActor<NegativeIdleTroupe>(),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("IdleCount"));
    }

    [Test]
    public void CreateActor_InvalidType_SystemKeepsWorking()
    {
        Assert.That(() => System.CreateActor<AbstractActor>(), Throws.InstanceOf<InvalidActorSpecificationException>());

        var echo = System.CreateActor<EchoActor>();

        Assert.That(System.Ask(echo, "fine", Patience), Is.EqualTo("fine"));
    }

    [Test]
    public void Constructor_UnknownBaseName_ThrowsArgumentExceptionListingTheKnownBases()
    {
        Assert.That(() => new ActorSystem("noSuchBase", logDefs: LogDefs.Disabled, transientUnique: true).Shutdown(),
                    Throws.ArgumentException.With.Message.Contains("noSuchBase")
                          .And.Message.Contains(SystemBaseNames.Simple));
    }

    [Test]
    public void Ask_NegativeTimeout_ThrowsArgumentOutOfRangeException()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(() => System.Ask(echo, "hi", TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Listen_NegativeTimeout_ThrowsArgumentOutOfRangeException()
    {
        Assert.That(() => System.Listen(TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void AskAsync_NegativeTimeout_ThrowsArgumentOutOfRangeException()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(() => System.AskAsync(echo, "hi", TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ListenAsync_NegativeTimeout_ThrowsArgumentOutOfRangeException()
    {
        Assert.That(() => System.ListenAsync(TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Ask_NegativeTimeout_NothingIsSent()
    {
        var echo = System.CreateActor<EchoActor>();
        Assert.That(() => System.Ask(echo, "not sent", TimeSpan.FromSeconds(-1)), Throws.InstanceOf<ArgumentOutOfRangeException>());

        Assert.That(System.Ask(echo, "sent", Patience), Is.EqualTo("sent"));
    }

    [Test]
    public void UpdateCapability_NullName_ThrowsArgumentNullException()
    {
        Assert.That(() => System.UpdateCapability(null!, "value"), Throws.ArgumentNullException);
    }

    [Test]
    public void LoadActorSource_NullStream_ThrowsArgumentNullException()
    {
        Assert.That(() => System.LoadActorSource((Stream)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void LoadActorSource_NullPath_ThrowsArgumentNullException()
    {
        Assert.That(() => System.LoadActorSource((string)null!), Throws.ArgumentNullException);
    }

    [Test]
    public void UnloadActorSource_NullHash_ThrowsArgumentNullException()
    {
        Assert.That(() => System.UnloadActorSource(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void AfterShutdown_OperationsThroughAPrivateEndpoint_ThrowActorSystemFailureException()
    {
        using var endpoint = System.Private();
        System.Shutdown();

        Assert.Multiple(() =>
        {
            Assert.That(() => endpoint.CreateActor<EchoActor>(), Throws.InstanceOf<ActorSystemFailureException>());
            Assert.That(() => endpoint.Listen(Brief), Throws.InstanceOf<ActorSystemFailureException>());
            Assert.That(() => endpoint.UpdateCapability("Colour", "Blue"), Throws.InstanceOf<ActorSystemFailureException>());
            Assert.That(() => endpoint.Private().Dispose(), Throws.InstanceOf<ActorSystemFailureException>());
        });
    }

    [Test]
    public void Send_FromAnActorToAnAddressOfAnotherSystem_IsRefusedOrDeadLettered()
    {
        var foreign = ActorOfAnotherSystem(out var other);
        try
        {
            var sender = System.CreateActor<Sender>();
            if (!IsMultiproc)
            {
                // In-process: the address is known not to be this system's, so Send refuses it at once.
                Assert.That(System.Ask(sender, new SendTo(foreign), Patience), Is.EqualTo(nameof(InvalidActorAddressException)));
                return;
            }

            // Across processes: this system's admin does not know the address, so the message is a dead letter here.
            // The sender's "sent" and the dead-letter handler's report come from different processes, in either order.
            RegisteredWatcher();
            object?[] answers = [System.Ask(sender, new SendTo(foreign), Patience), System.Listen(Patience)];
            Assert.Multiple(() =>
            {
                Assert.That(answers, Has.One.EqualTo("sent"));
                Assert.That(answers.OfType<DeadLetterSeen>().SingleOrDefault()?.DeadAddress, Is.EqualTo(foreign));
            });
        }
        finally
        {
            other.Shutdown();
        }
    }

    [Test]
    public void Send_FromAnActorToAnAddressOfAnotherSystemUncaught_PoisonDetailsNameTheException()
    {
        if (IsMultiproc)
        {
            Assert.Pass("Across processes such a send is not refused but dead-lettered (see the test above).");
        }

        var foreign = ActorOfAnotherSystem(out var other);
        try
        {
            var sender = System.CreateActor<CarelessSender>();

            var poison = AskFor<PoisonMessage>(sender, new SendTo(foreign));

            Assert.That(poison.Details, Does.Contain(nameof(InvalidActorAddressException)));
        }
        finally
        {
            other.Shutdown();
        }
    }
}
