using Thespian.Bases.MultiprocTcp;
using Thespian.Wire;
using Thespian.Sockets;

namespace Thespian.Tests.Unit.Transport;

/// <summary>The capabilities that tune the TCP transport: "Max Message Size" and "Receive Poll Microseconds".</summary>
public sealed class TcpTransportSettingsTests
{
    private static Dictionary<string, object?> Poll(object? value) => new() { [ReceivePollSetting.Capability] = value };

    [Test]
    public void ReceivePollFrom_Absent_IsTheDefault()
    {
        Assert.That(ReceivePollSetting.From(null), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
        Assert.That(ReceivePollSetting.From(new Dictionary<string, object?>()), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
    }

    [TestCase(0, 0)]
    [TestCase(25, 25)]
    [TestCase(2_000, 2_000)]
    [TestCase(50_000, 10_000)]
    public void ReceivePollFrom_Microseconds_TakenUpToTheLimit(int asked, int expected)
    {
        Assert.That(ReceivePollSetting.From(Poll(asked)), Is.EqualTo(TimeSpan.FromMicroseconds(expected)));
        Assert.That(ReceivePollSetting.From(Poll((long)asked)), Is.EqualTo(TimeSpan.FromMicroseconds(expected)));
    }

    [TestCase(-1)]
    [TestCase("50")]
    [TestCase(true)]
    [TestCase(null)]
    public void ReceivePollFrom_NotANumberOrNegative_IsTheDefault(object? value)
    {
        Assert.That(ReceivePollSetting.From(Poll(value)), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
    }

    [Test]
    public async Task Configure_SetsBothSettingsOnTheTransport()
    {
        var transport = new TcpTransport(new TcpTransportOptions());
        await using var _ = transport.ConfigureAwait(false);
        var capabilities = new Dictionary<string, object?>
        {
            [WireProtocol.MaxMessageSizeCapability] = 1024 * 1024,
            [ReceivePollSetting.Capability] = 0,
        };

        transport.Configure(capabilities);

        Assert.That(transport.MaxMessageBytes, Is.EqualTo(1024 * 1024));
        Assert.That(transport.ReceivePoll, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task Configure_WithoutCapabilities_RestoresTheDefaults()
    {
        var transport = new TcpTransport(new TcpTransportOptions { MaxFrameBytes = 1024, ReceivePoll = TimeSpan.Zero });
        await using var _ = transport.ConfigureAwait(false);

        transport.Configure(null);

        Assert.That(transport.MaxMessageBytes, Is.EqualTo(WireProtocol.DefaultMaxFrameBytes));
        Assert.That(transport.ReceivePoll, Is.EqualTo(TimeSpan.FromMicroseconds(ReceivePollSetting.DefaultMicroseconds)));
    }
}
