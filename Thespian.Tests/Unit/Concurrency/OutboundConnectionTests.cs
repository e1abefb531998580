using Thespian.Bases.MultiprocTcp;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// One process's connection to another, through two real TCP transports on loopback: envelopes arrive in the order
/// sent; a receiver that does not keep up makes <c>Send</c> wait, and it goes on once the receiver catches up; and when
/// the receiver goes away, every envelope it did not acknowledge comes back to the sender as undeliverable, once, in order.
/// </summary>
public sealed class OutboundConnectionTests
{
    [TestCase(false, TestName = "Send_TenThousandEnvelopes_ArriveInOrder(writer thread)")]
    [TestCase(true, TestName = "Send_TenThousandEnvelopes_ArriveInOrder(sender's batch)")]
    public async Task Send_TenThousandEnvelopes_ArriveInOrder(bool inABatch)
    {
        const int Count = 10_000;
        await using var pair = TransportPair.Start(new RecordingSink(marksDone: true));

        var sending = Waits.Start("sender", () =>
        {
            if (inABatch)
            {
                pair.Sender.BeginBatch();
            }

            pair.Send(0, Count, Bodies.MostlySmall, sent =>
            {
                if (inABatch && sent % 1_000 == 999)
                {
                    pair.Sender.FlushBatch();
                }
            });
            if (inABatch)
            {
                pair.Sender.EndBatch();
            }
        });
        Waits.Joined(sending, "every envelope was queued");

        Waits.Eventually(() => pair.ReceiverSink.ReceivedCount >= Count, "every envelope arrived");
        Assert.Multiple(() =>
        {
            Assert.That(TransportPair.IsRun(pair.ReceiverSink.Received, 0, Count), Is.True, "arrived in the order sent, each once");
            Assert.That(pair.ReceiverSink.BadBodies, Is.Empty);
            Assert.That(pair.ReceiverSink.Violations, Is.Empty);
            Assert.That(pair.SenderSink.Undeliverable, Is.Empty);
        });
    }

    [Test]
    public async Task Send_ReceiverNeverMarksDone_BlocksOnceTheWindowTheSocketsAndTheQueueAreFullThenGoesOn()
    {
        // Bodies of 16 KiB: the kernel's socket buffers (a few MiB each way) fill with a few thousand of them.
        const int Count = 6_000;
        const int BodyBytes = 16 * 1024;
        await using var pair = TransportPair.Start(new RecordingSink(marksDone: false), queueCapacity: 8);
        var sent = 0;

        var sending = Waits.Start("sender", () => pair.Send(0, Count, _ => BodyBytes, i => Volatile.Write(ref sent, i + 1)));

        Waits.Eventually(() => pair.ReceiverSink.ReceivedCount == InboundReceipt.Window, "the receiver took a window's worth");
        Waits.UntilBlocked(sending, () => Volatile.Read(ref sent), "Send blocks: back-pressure");
        var sentWhileBlocked = Volatile.Read(ref sent);
        Assert.Multiple(() =>
        {
            Assert.That(sentWhileBlocked, Is.LessThan(Count), "Send did not wait for a receiver that does not keep up");
            Assert.That(sentWhileBlocked, Is.GreaterThan(InboundReceipt.Window + 8), "the window and the queue filled first");
            Assert.That(pair.ReceiverSink.ReceivedCount, Is.EqualTo(InboundReceipt.Window),
                        "the receiver stops reading at a full window of envelopes not done");
        });

        pair.ReceiverSink.MarkDoneFromNowOn();

        Waits.Joined(sending, "Send went on once the receiver marked its envelopes done");
        Waits.Eventually(() => pair.ReceiverSink.ReceivedCount >= Count, "every envelope arrived");
        Assert.That(TransportPair.IsRun(pair.ReceiverSink.Received, 0, Count), Is.True, "arrived in the order sent, each once");
        Assert.That(pair.SenderSink.Undeliverable, Is.Empty);
    }

    [Test]
    public async Task ReceiverDisposedAbruptly_EveryEnvelopeNotAcknowledgedIsUndeliverableOnceAndInOrder()
    {
        const int BeforeStop = 6_000;
        const int AfterStop = 1_000;
        const int Count = BeforeStop + AfterStop;
        const int StopAt = 2_000;
        await using var pair = TransportPair.Start(new RecordingSink(marksDone: true) { PauseAt = StopAt });

        var sending = Waits.Start("sender", () => pair.Send(0, BeforeStop, Bodies.MostlySmall));
        Assert.That(pair.ReceiverSink.Paused.Wait(Waits.Patience), Is.True, $"envelope {StopAt} arrived");
        await pair.DisposeReceiverAsync();
        pair.ReceiverSink.Resume.Set();
        Waits.Joined(sending, "every envelope was queued");

        // Sent after the receiver has gone: each new connection is refused, and what it held comes back too.
        var sendingLater = Waits.Start("later sender", () => pair.Send(BeforeStop, AfterStop, Bodies.MostlySmall));
        Waits.Joined(sendingLater, "sending to an endpoint that has gone does not block");

        var done = pair.ReceiverSink.Done;
        Waits.Eventually(() => done.Union(pair.SenderSink.Undeliverable.SelectMany(u => u)).Count() == Count,
                         "every envelope was either marked done by the receiver or handed back as undeliverable");

        var calls = pair.SenderSink.Undeliverable;
        var undeliverable = calls.SelectMany(u => u).ToList();
        var firstUndeliverable = undeliverable.Min();
        Assert.Multiple(() =>
        {
            Assert.That(TransportPair.IsRun(done, 0, done.Count), Is.True, "the receiver marked done a prefix, in order");
            Assert.That(done, Has.Count.GreaterThanOrEqualTo(StopAt));
            Assert.That(calls.Where(c => !TransportPair.IsRun(c, c[0], c.Length)), Is.Empty,
                        "each hand-back is in the order sent");
            Assert.That(undeliverable, Is.Unique, "an envelope was handed back twice");
            Assert.That(TransportPair.IsRun([.. undeliverable.Order()], firstUndeliverable, Count - firstUndeliverable), Is.True,
                        "everything from the first envelope not acknowledged on was handed back (none lost)");
            Assert.That(firstUndeliverable, Is.LessThanOrEqualTo(done.Count),
                        "only envelopes done but not yet acknowledged when the receiver went are in both");
        });
    }
}
