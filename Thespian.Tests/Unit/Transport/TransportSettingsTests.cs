using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Transport;

/// <summary>The capabilities that tune a transport: "Max Message Size" and "Receive Poll Microseconds".</summary>
public sealed class TransportSettingsTests
{
    private static Dictionary<string, object?> Poll(object? value) => new() { [TransportSettings.ReceivePollCapability] = value };

    [Test]
    public void ReceivePollFrom_Absent_IsTheDefault()
    {
        Assert.That(TransportSettings.ReceivePollFrom(null), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
        Assert.That(TransportSettings.ReceivePollFrom(new Dictionary<string, object?>()), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
    }

    [TestCase(0, 0)]
    [TestCase(25, 25)]
    [TestCase(2_000, 2_000)]
    [TestCase(50_000, 10_000)]
    public void ReceivePollFrom_Microseconds_TakenUpToTheLimit(int asked, int expected)
    {
        Assert.That(TransportSettings.ReceivePollFrom(Poll(asked)), Is.EqualTo(TimeSpan.FromMicroseconds(expected)));
        Assert.That(TransportSettings.ReceivePollFrom(Poll((long)asked)), Is.EqualTo(TimeSpan.FromMicroseconds(expected)));
    }

    [TestCase(-1)]
    [TestCase("50")]
    [TestCase(true)]
    [TestCase(null)]
    public void ReceivePollFrom_NotANumberOrNegative_IsTheDefault(object? value)
    {
        Assert.That(TransportSettings.ReceivePollFrom(Poll(value)), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
    }

    [Test]
    public void Apply_SetsBothSettingsOnTheTransport()
    {
        var transport = new Moq.Mock<ITransport>();
        transport.SetupProperty(t => t.MaxMessageBytes);
        transport.SetupProperty(t => t.ReceivePoll);
        var capabilities = new Dictionary<string, object?>
        {
            [WireProtocol.MaxMessageSizeCapability] = 1024 * 1024,
            [TransportSettings.ReceivePollCapability] = 0,
        };

        TransportSettings.Apply(transport.Object, capabilities);

        Assert.That(transport.Object.MaxMessageBytes, Is.EqualTo(1024 * 1024));
        Assert.That(transport.Object.ReceivePoll, Is.EqualTo(TimeSpan.Zero));
    }
}
