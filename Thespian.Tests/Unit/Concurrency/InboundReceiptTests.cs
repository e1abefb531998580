using System.Runtime.CompilerServices;
using Thespian.Bases.MultiprocTcp;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// The receiving side of one connection: envelopes marked done are acknowledged to the sender as little-endian 32-bit
/// counts — by the receiving thread, at the end of a foreign thread's batch, or at once from a foreign thread in none —
/// and at most a window of envelopes may be received and not done before the connection stops reading.
/// A receipt's receiving thread is the one that made it: here, the test's thread.
/// </summary>
public sealed class InboundReceiptTests
{
    private const int Window = InboundReceipt.Window;

    private static void Receive(InboundReceipt receipt, int count)
    {
        for (var i = 0; i < count; i++)
        {
            receipt.Received();
        }
    }

    private static void MarkDone(InboundReceipt receipt, int count)
    {
        for (var i = 0; i < count; i++)
        {
            receipt.Done();
        }
    }

    /// <summary>Fills the window, then has a receiving thread wait for room (blocked, checked); resumed() is 1 once it got it.</summary>
    private static (Thread Reading, Func<long> Resumed) FillWindowAndWaitForRoom(InboundReceipt receipt)
    {
        Receive(receipt, Window);
        var resumed = new StrongBox<int>();
        var reading = Waits.Start("receiving thread", () =>
        {
            receipt.WaitForRoom(CancellationToken.None);
            Volatile.Write(ref resumed.Value, 1);
        });
        Func<long> hasResumed = () => Volatile.Read(ref resumed.Value);
        Waits.UntilBlocked(reading, hasResumed, "a full window stops the reading");
        return (reading, hasResumed);
    }

    private static void OnAnotherThread(Action action)
    {
        var thread = Waits.Start("foreign thread", action);
        Waits.Joined(thread, "the foreign thread finished");
    }

    [Test]
    public void Done_OnTheReceivingThread_AcknowledgedCountsAddUpToTheNumberDone()
    {
        const int Count = 1_000;
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        Receive(receipt, Count);

        MarkDone(receipt, Count);
        receipt.Acknowledge();

        var counts = pair.ReadCountsUntil(Count);
        Assert.That(counts.Sum(), Is.EqualTo(Count));
        Assert.That(counts, Is.All.Positive);
        Assert.That(counts, Has.Count.LessThan(Count), "acknowledgements are coalesced, not one per envelope");

        // Nothing is left to acknowledge: acknowledging again writes nothing, so the next count read is the next one done.
        receipt.Acknowledge();
        Receive(receipt, 1);
        MarkDone(receipt, 1);
        receipt.Acknowledge();
        Assert.That(pair.ReadCount(), Is.EqualTo(1));
    }

    [Test]
    public void Done_OnAnotherThreadOutsideABatch_IsAcknowledgedAtOnce()
    {
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        Receive(receipt, 3);

        OnAnotherThread(() => MarkDone(receipt, 3));

        Assert.That(new[] { pair.ReadCount(), pair.ReadCount(), pair.ReadCount() }, Is.EqualTo(new[] { 1, 1, 1 }),
                    "each was acknowledged as it was done, with nobody else acknowledging");
    }

    [Test]
    public async Task Done_OnAnotherThreadInABatch_IsAcknowledgedWhenTheOutermostBatchEnds()
    {
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        var transport = new TcpTransport(new TcpTransportOptions());
        await using var _ = transport.ConfigureAwait(false);
        using var marked = new SemaphoreSlim(0);
        using var next = new SemaphoreSlim(0);
        Receive(receipt, 3);

        var batching = Waits.Start("batching thread", () =>
        {
            transport.BeginBatch();
            transport.BeginBatch();
            MarkDone(receipt, 2);
            transport.EndBatch();
            marked.Release();
            next.Wait();
            MarkDone(receipt, 1);
            transport.EndBatch();
            marked.Release();
        });

        Assert.That(marked.Wait(Waits.Patience), Is.True, "the batching thread marked two done");
        Assert.That(pair.AnyArrived(), Is.False, "acknowledged before the outermost batch ended");
        next.Release();
        Assert.That(marked.Wait(Waits.Patience), Is.True, "the batching thread ended its batch");
        Assert.That(pair.ReadCount(), Is.EqualTo(3), "everything the batch did, in one acknowledgement at its end");
        Waits.Joined(batching, "the batching thread finished");
    }

    [Test]
    public void WaitForRoom_WhileTheWindowHasRoom_ReturnsAtOnce()
    {
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Receive(receipt, Window - 1);

        Assert.DoesNotThrow(() => receipt.WaitForRoom(cancelled.Token), "room for one more: no wait, so no cancellation either");
    }

    [Test]
    public void WaitForRoom_WindowFull_BlocksUntilAQuarterOfItIsDone()
    {
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        var (reading, resumed) = FillWindowAndWaitForRoom(receipt);

        MarkDone(receipt, (Window / 4) - 1);
        Waits.UntilBlocked(reading, resumed, "less than a quarter done: still stopped");
        Assert.That(resumed(), Is.Zero);

        MarkDone(receipt, 1);
        Waits.Joined(reading, "a quarter of the window done: reading resumes");
        Assert.That(pair.ReadCountsUntil(Window / 4).Sum(), Is.EqualTo(Window / 4), "and what was done is acknowledged");
    }

    [Test]
    public void Handled_WindowFull_ReadingResumesButNothingIsAcknowledgedUntilSettled()
    {
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        var (reading, resumed) = FillWindowAndWaitForRoom(receipt);

        OnAnotherThread(() =>
        {
            for (var i = 0; i < Window / 4; i++)
            {
                receipt.Handled();
            }
        });
        Waits.Joined(reading, "handled envelopes free their room: reading resumes");
        pair.Peer.ReceiveTimeout = 200;
        Assert.That(() => pair.ReadCount(), Throws.InstanceOf<System.Net.Sockets.SocketException>(),
                    "handled but not settled: no acknowledgement yet");

        pair.Peer.ReceiveTimeout = (int)Waits.Patience.TotalMilliseconds;
        OnAnotherThread(() => receipt.Settled());
        Assert.That(pair.ReadCount(), Is.EqualTo(1), "each settled envelope is acknowledged");
    }

    [Test]
    public void WaitForRoom_WindowFullAndCancelled_ThrowsOperationCanceled()
    {
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        using var stop = new CancellationTokenSource();
        Receive(receipt, Window);
        Exception? thrown = null;

        var reading = Waits.Start("receiving thread", () =>
        {
            try
            {
                receipt.WaitForRoom(stop.Token);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }
        });
        Waits.UntilBlocked(reading, () => thrown is null ? 0 : 1, "a full window stops the reading");

        stop.Cancel();

        Waits.Joined(reading, "cancelling ends the wait");
        Assert.That(thrown, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Done_AfterDispose_AcknowledgesNothing()
    {
        using var pair = SocketPair.Open();
        var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: false);
        Receive(receipt, 2);

        receipt.Dispose();
        OnAnotherThread(() => MarkDone(receipt, 1));
        MarkDone(receipt, 1);
        receipt.Acknowledge();

        Assert.That(receipt.IsOpen, Is.False);
        Assert.That(pair.BytesUntilTheEnd(), Is.Zero, "nothing was written after the connection closed");
    }

    [Test]
    public void Done_AfterThePeerWentAway_StopsAcknowledgingWithoutThrowing()
    {
        using var pair = SocketPair.Open();
        using var receipt = new InboundReceipt(new PlainConnectionStream(pair.Local), fromAdmin: true);
        pair.Peer.Close(timeout: 0);
        Assert.That(receipt.FromAdmin, Is.True);

        OnAnotherThread(() =>
        {
            // A write after the peer reset the connection fails; until then writes land in the socket's buffer.
            for (var i = 0; i < 1_000 && receipt.IsOpen; i++)
            {
                receipt.Received();
                receipt.Done();
                Thread.Sleep(1);
            }
        });

        Assert.That(receipt.IsOpen, Is.False, "the receipt noticed the connection broke");
    }
}
