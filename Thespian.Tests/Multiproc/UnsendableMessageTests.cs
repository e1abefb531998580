using System.Text;
using Thespian.Wire;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// Messages that cannot travel fail in Tell, in the sending process, with an exception that says why —
/// and nothing reaches the actor.
/// </summary>
public sealed class UnsendableMessageTests : MultiprocFixture
{
    private const int MiB = 1024 * 1024;

    private static IEnumerable<TestCaseData> Unserializable =>
    [
        new TestCaseData(new StringBuilder("text"), "System.Text.StringBuilder").SetArgDisplayNames("StringBuilder"),
        new TestCaseData(new Carrier(new StringBuilder("text")), "System.Text.StringBuilder").SetArgDisplayNames("StringBuilderInAMessage"),
        new TestCaseData(new Carrier(new Func<int>(() => 42)), "System.Func`1").SetArgDisplayNames("DelegateInAMessage"),
    ];

    [TestCaseSource(nameof(Unserializable))]
    public void Tell_MessageThatCannotBeSerialized_ThrowsNamingTheTypeAndSendsNothing(object message, string offendingType)
    {
        var system = StartSystem();
        var counter = system.CreateActor<CountingActor>();

        var exception = Assert.Catch<ActorSystemException>(() => system.Tell(counter, message));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain(message.GetType().FullName!), "names the message's type");
            Assert.That(exception.Message, Does.Contain(offendingType), "names the type that cannot travel");
        });
        Assert.That(system.Ask(counter, "count", Patience), Is.Zero, "the actor got nothing");
    }

    [Test]
    public void Tell_MessageOverTheDefaultMaxMessageSize_ThrowsNamingSizeAndCapabilityAndSendsNothing()
    {
        var system = StartSystem();
        var counter = system.CreateActor<CountingActor>();

        var exception = Assert.Catch<ActorSystemException>(() => system.Tell(counter, new byte[65 * MiB]));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain($"exceeds the maximum of {WireProtocol.DefaultMaxFrameBytes} bytes"));
            Assert.That(exception.Message, Does.Contain($"\"{WireProtocol.MaxMessageSizeCapability}\""));
            Assert.That(exception.Message, Does.Contain("Nothing was sent"));
        });
        Assert.That(system.Ask(counter, "count", Patience), Is.Zero, "the actor got nothing");
    }

    [Test]
    public void Tell_MessageOverALoweredMaxMessageSizeCapability_ThrowsNamingSizeAndCapabilityAndSendsNothing()
    {
        var system = StartSystem(new Dictionary<string, object?> { [WireProtocol.MaxMessageSizeCapability] = 1 * MiB });
        var counter = system.CreateActor<CountingActor>();

        var exception = Assert.Catch<ActorSystemException>(() => system.Tell(counter, new byte[2 * MiB]),
                                                           "a 2 MiB message with \"Max Message Size\" = 1 MiB");

        Assert.That(exception!.Message, Does.Contain($"exceeds the maximum of {1 * MiB} bytes"));
        Assert.That(system.Ask(counter, "count", Patience), Is.Zero, "the actor got nothing");
    }
}
