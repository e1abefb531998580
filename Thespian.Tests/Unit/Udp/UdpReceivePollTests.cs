using Thespian.Bases.MultiprocUdp;

namespace Thespian.Tests.Unit.Udp;

/// <summary>The receiving thread's poll window ("Receive Poll Microseconds", shared with TCP): parsed, bounded, applied.</summary>
public sealed class UdpReceivePollTests
{
    private static Dictionary<string, object?> Poll(object? value) => new() { [UdpReceivePoll.Capability] = value };

    [Test]
    public void From_Absent_IsOneHundredMicroseconds()
    {
        Assert.That(UdpReceivePoll.From(null), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
    }

    [TestCase(0, 0)]
    [TestCase(250, 250)]
    [TestCase(50_000, 10_000)]
    public void From_Microseconds_TakenUpToTheLimit(int asked, int expected)
    {
        Assert.That(UdpReceivePoll.From(Poll(asked)), Is.EqualTo(TimeSpan.FromMicroseconds(expected)));
        Assert.That(UdpReceivePoll.From(Poll((long)asked)), Is.EqualTo(TimeSpan.FromMicroseconds(expected)));
    }

    [TestCase(-5)]
    [TestCase("100")]
    [TestCase(null)]
    public void From_NotANumberOrNegative_IsTheDefault(object? value)
    {
        Assert.That(UdpReceivePoll.From(Poll(value)), Is.EqualTo(TimeSpan.FromMicroseconds(100)));
    }

    [Test]
    public async Task Configure_ZeroTurnsPollingOff_AndDeliveryGoesOn()
    {
        await using var pair = await UdpPair.StartAsync();
        pair.Receiver.Configure(Poll(0));

        for (var i = 0; i < 1000; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, UdpTestEnvelopes.Numbered(i));
        }

        Assert.That(pair.Receiver.ReceivePoll, Is.EqualTo(TimeSpan.Zero));
        pair.WaitForReceived(1000, TimeSpan.FromSeconds(30));
    }
}
