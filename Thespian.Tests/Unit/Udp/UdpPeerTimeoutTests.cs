using Thespian.Bases.MultiprocUdp;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Udp;

/// <summary>The capabilities that tune the UDP transport: "UDP Peer Timeout Seconds" and "Max Message Size".</summary>
public sealed class UdpPeerTimeoutTests
{
    private static Dictionary<string, object?> Timeout(object? value) => new() { [UdpPeerTimeout.Capability] = value };

    [Test]
    public void Absent_IsFiveSeconds()
    {
        Assert.That(UdpPeerTimeout.From(null), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [TestCase(2, 2.0)]
    [TestCase(0.5, 0.5)]
    [TestCase(0.01, 0.1)]
    [TestCase("3", 3.0)]
    [TestCase(1e9, 3600.0)]
    public void Seconds_TakenWithinTheBounds(object asked, double expected)
    {
        Assert.That(UdpPeerTimeout.From(Timeout(asked)), Is.EqualTo(TimeSpan.FromSeconds(expected)));
    }

    [TestCase(-1)]
    [TestCase(0)]
    [TestCase(true)]
    [TestCase("soon")]
    [TestCase(null)]
    public void NotAPositiveNumber_IsTheDefault(object? value)
    {
        Assert.That(UdpPeerTimeout.From(Timeout(value)), Is.EqualTo(UdpPeerTimeout.Default));
    }

    [Test]
    public async Task Configure_SetsBothSettingsOnTheTransport()
    {
        var transport = new UdpTransport(UdpPair.Options());
        await using var _ = transport.ConfigureAwait(false);

        transport.Configure(new Dictionary<string, object?>
        {
            [WireProtocol.MaxMessageSizeCapability] = 1024 * 1024,
            [UdpPeerTimeout.Capability] = 2,
        });

        Assert.That(transport.MaxMessageBytes, Is.EqualTo(1024 * 1024));
        Assert.That(transport.PeerTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }
}
