using Thespian.Bases.MultiprocUdp;
using Thespian.Sockets;

namespace Thespian.Tests.Unit.Udp;

/// <summary>The receiving thread's poll window ("Receive Poll Microseconds", parsed by <see cref="ReceivePollSetting"/> as for TCP): applied.</summary>
public sealed class UdpReceivePollTests
{
    private static Dictionary<string, object?> Poll(object? value) => new() { [ReceivePollSetting.Capability] = value };

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
