using static Thespian.Tests.Unit.Udp.UdpTestEnvelopes;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// Flow control and the receiving side's end: a receiver that does not get its envelopes done stops granting window, so
/// the sender's queue fills and <c>Send</c> blocks; once done, everything arrives in order. After the receiver stops,
/// nothing new is delivered, and closing tells the sender to hand back at once what was not done.
/// </summary>
[CancelAfter(120_000)]
public sealed class UdpTransportFlowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(300);

    [Test]
    public async Task Send_ReceiverNotDone_BlocksAfterWindowAndQueue_ResumesWhenDone()
    {
        const int Window = 64;
        const int Queue = 32;
        const int Count = 1000;
        await using var pair = await UdpPair.StartAsync(sender: o => o with { QueueCapacity = Queue },
                                                        receiver: o => o with { ReceiveWindowEnvelopes = Window },
                                                        receiverMarksDone: false);
        var sent = 0;
        var sending = Task.Run(() =>
        {
            for (var i = 0; i < Count; i++)
            {
                pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
                Interlocked.Increment(ref sent);
            }
        });

        pair.WaitForReceived(Window, Patience);
        await Task.Delay(Brief);

        Assert.That(pair.ReceiverSink.ReceivedCount, Is.EqualTo(Window), "the receiver grants no more than its window");
        Assert.That(sending.IsCompleted, Is.False, "Send blocks while the window and the queue are full");
        Assert.That(Volatile.Read(ref sent), Is.LessThanOrEqualTo(Window + Queue + 1));

        var done = 0;
        Assert.That(SpinWait.SpinUntil(() =>
        {
            pair.ReceiverSink.MarkAllDone(ref done);
            return done >= Count;
        }, Patience), Is.True, "everything arrives once the receiver gets its envelopes done");
        await sending.WaitAsync(Patience);
        Assert.That(pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
    }

    [Test]
    public async Task StopReceiving_ThenClose_DeliversNothingNewAndSenderHandsBackWhatWasNotDone()
    {
        await using var pair = await UdpPair.StartAsync(receiverMarksDone: false);
        for (var i = 0; i < 10; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        pair.WaitForReceived(10, Patience);
        pair.Receiver.StopReceiving();
        for (var i = 10; i < 15; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        var received = pair.ReceiverSink.Received;
        for (var i = 0; i < 4; i++)
        {
            received[i].Receipt.Done();
        }

        await Task.Delay(Brief);
        Assert.That(pair.ReceiverSink.ReceivedCount, Is.EqualTo(10), "nothing new is delivered after StopReceiving");

        await pair.Receiver.CloseReceivingAsync(TimeSpan.FromMilliseconds(200));

        Assert.That(SpinWait.SpinUntil(() => pair.SenderSink.UndeliverableCount >= 11, Patience), Is.True,
                    "the sender hands back what was not done, at once");
        var undeliverable = pair.SenderSink.Undeliverable;
        Assert.That(undeliverable, Has.Count.EqualTo(1), "once");
        Assert.That(undeliverable[0].Envelopes.Select(NumberOf), Is.EqualTo(Enumerable.Range(4, 11).Select(i => (long)i)), "in order");
        Assert.That(undeliverable[0].Endpoint, Is.EqualTo(pair.Receiver.LocalEndpoint));
    }

    [Test]
    public async Task CloseReceiving_EverythingDoneInTime_SenderHandsBackNothing()
    {
        await using var pair = await UdpPair.StartAsync();
        for (var i = 0; i < 100; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        await pair.Sender.FlushAsync(Patience);
        pair.Receiver.StopReceiving();
        await pair.Receiver.CloseReceivingAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(Brief);

        Assert.That(pair.SenderSink.UndeliverableCount, Is.Zero);
        Assert.That(pair.ReceiverSink.ReceivedCount, Is.EqualTo(100));
    }

    [Test]
    public async Task Receipt_FromAdminAndMayRunHandler_FollowTheHello()
    {
        await using var pair = await UdpPair.StartAsync(sender: o => o with { Role = Thespian.Wire.WireRole.Admin });
        pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(1));
        pair.Receiver.Send(pair.Sender.LocalEndpoint, Numbered(2));

        pair.WaitForReceived(1, Patience);
        Assert.That(SpinWait.SpinUntil(() => pair.SenderSink.ReceivedCount == 1, Patience), Is.True);
        var fromAdmin = pair.ReceiverSink.Received[0].Receipt;
        var fromPeer = pair.SenderSink.Received[0].Receipt;
        Assert.That(fromAdmin.FromAdmin, Is.True);
        Assert.That(fromPeer.FromAdmin, Is.False);
        Assert.That(fromAdmin.MayRunHandler, Is.False, "one receiving thread serves every peer");
        Assert.That(fromAdmin.IsOpen, Is.True);
    }
}
