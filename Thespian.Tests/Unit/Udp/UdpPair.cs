using System.Net;
using Thespian.Bases.MultiprocUdp;

namespace Thespian.Tests.Unit.Udp;

/// <summary>Two started UDP transports on loopback, each with a recording sink; disposed together.</summary>
internal sealed class UdpPair : IAsyncDisposable
{
    private UdpPair(UdpTransport sender, RecordingSink senderSink, UdpTransport receiver, RecordingSink receiverSink)
    {
        Sender = sender;
        SenderSink = senderSink;
        Receiver = receiver;
        ReceiverSink = receiverSink;
    }

    public UdpTransport Sender { get; }

    public RecordingSink SenderSink { get; }

    public UdpTransport Receiver { get; private set; }

    public RecordingSink ReceiverSink { get; }

    public static UdpTransportOptions Options(Func<UdpTransportOptions, UdpTransportOptions>? adjust = null)
    {
        var options = new UdpTransportOptions { BindAddress = IPAddress.Loopback, PeerTimeout = TimeSpan.FromSeconds(5) };
        return adjust is null ? options : adjust(options);
    }

    public static Task<UdpPair> StartAsync(Func<UdpTransportOptions, UdpTransportOptions>? sender = null,
                                           Func<UdpTransportOptions, UdpTransportOptions>? receiver = null,
                                           bool receiverMarksDone = true)
    {
        var senderSink = new RecordingSink();
        var receiverSink = new RecordingSink { MarkDone = receiverMarksDone };
        var a = new UdpTransport(Options(sender));
        var b = new UdpTransport(Options(receiver));
        a.Start(senderSink);
        b.Start(receiverSink);
        return Task.FromResult(new UdpPair(a, senderSink, b, receiverSink));
    }

    /// <summary>Disposes the receiver now (the test checks what the sender makes of it).</summary>
    public async Task DisposeReceiverAsync() => await Receiver.DisposeAsync();

    public void WaitForReceived(int count, TimeSpan patience) =>
        Assert.That(SpinWait.SpinUntil(() => ReceiverSink.ReceivedCount >= count, patience), Is.True,
                    $"{count} envelopes should arrive; {ReceiverSink.ReceivedCount} did. Violations at the receiver: " +
                    string.Join("; ", ReceiverSink.Violations.Select(v => v.Violation.Message)) + ". Undeliverable at the sender: " +
                    string.Join("; ", SenderSink.Undeliverable.Select(u => $"{u.Envelopes.Count} ({u.Reason.Message})")));

    public async ValueTask DisposeAsync()
    {
        await Sender.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
