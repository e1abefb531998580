namespace Thespian.Tests.Behaviour;

/// <summary>What an actor's constructor may and may not do: system operations throw, MyAddress works.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class ConstructorTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>What the constructor of a <see cref="ConstructorProbe"/> saw; null when the operation did not throw.</summary>
    public sealed record ConstructorReport(string? SendError, string? CreateActorError, string? WakeupAfterError,
                                           string? HandleDeadLettersError, string? UpdateCapabilityError,
                                           ActorAddress? AddressInConstructor);

    /// <summary>Tries system operations in its constructor and reports what happened on its first message.</summary>
    private sealed class ConstructorProbe : Actor
    {
        private readonly ConstructorReport _report;

        public ConstructorProbe()
        {
            _report = new ConstructorReport(
                Try(() => Send(MyAddress, "from the constructor")),
                Try(() => CreateActor<EchoActor>()),
                Try(() => WakeupAfter(TimeSpan.FromMilliseconds(1))),
                Try(() => HandleDeadLetters()),
                Try(() => UpdateCapability("Set in a constructor", "yes")),
                MyAddress);
        }

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is "report")
            {
                Send(sender, _report);
            }
        }

        private static string? Try(Action operation)
        {
            try
            {
                operation();
                return null;
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message;
            }
        }
    }

    private ConstructorReport Probe() => AskFor<ConstructorReport>(System.CreateActor<ConstructorProbe>(), "report");

    [Test]
    public void Send_FromTheConstructor_ThrowsInvalidOperationExceptionMentioningTheConstructor()
    {
        Assert.That(Probe().SendError, Does.Contain("constructor"));
    }

    [Test]
    public void CreateActor_FromTheConstructor_ThrowsInvalidOperationExceptionMentioningTheConstructor()
    {
        Assert.That(Probe().CreateActorError, Does.Contain("constructor"));
    }

    [Test]
    public void WakeupAfter_FromTheConstructor_ThrowsInvalidOperationExceptionMentioningTheConstructor()
    {
        Assert.That(Probe().WakeupAfterError, Does.Contain("constructor"));
    }

    [Test]
    public void HandleDeadLetters_FromTheConstructor_ThrowsInvalidOperationExceptionMentioningTheConstructor()
    {
        Assert.That(Probe().HandleDeadLettersError, Does.Contain("constructor"));
    }

    [Test]
    public void UpdateCapability_FromTheConstructor_ThrowsAndTheCapabilityIsNotSet()
    {
        var report = Probe();

        Assert.Multiple(() =>
        {
            Assert.That(report.UpdateCapabilityError, Does.Contain("constructor"));
            Assert.That(System.Capabilities.ContainsKey("Set in a constructor"), Is.False);
        });
    }

    [Test]
    public void MyAddress_InTheConstructor_IsTheActorsAddress()
    {
        var probe = System.CreateActor<ConstructorProbe>();

        Assert.That(AskFor<ConstructorReport>(probe, "report").AddressInConstructor, Is.EqualTo(probe));
    }

    [Test]
    public void Send_FromTheConstructor_NothingIsDelivered()
    {
        var probe = System.CreateActor<ConstructorProbe>();
        _ = AskFor<ConstructorReport>(probe, "report");

        AssertNothingArrives();
    }
}
