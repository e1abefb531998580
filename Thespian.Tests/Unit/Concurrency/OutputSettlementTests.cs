using Thespian.Multiproc;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// Handled envelopes are settled (acknowledged) only once what their handlers sent has settled, and never before an
/// envelope handled earlier: an acknowledgement is a count, so what it covers must be a prefix of what really is done.
/// </summary>
public sealed class OutputSettlementTests
{
    [Test]
    public void Settle_NothingSentAndNothingWaiting_SettlesAtOnce()
    {
        var settlement = new OutputSettlement();
        var receipt = new CountingReceipt();

        settlement.Settle(receipt, []);

        Assert.That(receipt.Settlements, Is.EqualTo(1));
        Assert.That(settlement.HasWaiting, Is.False);
    }

    [Test]
    public void Settle_OutputNotYetSettled_WaitsUntilTheQueueSettlesThatFar()
    {
        var settlement = new OutputSettlement();
        var queue = new FakeQueue { Accepted = 3, Settled = 1 };
        var receipt = new CountingReceipt();

        settlement.Settle(receipt, [new OutputMark(queue, queue.Accepted)]);
        settlement.SettleReady();
        Assert.That(receipt.Settlements, Is.Zero, "two of its outputs are not settled");

        queue.Accepted = 10;   // later sends (another message's) do not hold it back
        queue.Settled = 3;
        settlement.SettleReady();

        Assert.That(receipt.Settlements, Is.EqualTo(1));
        Assert.That(settlement.HasWaiting, Is.False);
    }

    [Test]
    public void Settle_LaterEnvelopeReadyFirst_WaitsBehindTheEarlierOne()
    {
        var settlement = new OutputSettlement();
        var slow = new FakeQueue { Accepted = 1, Settled = 0 };
        var order = new List<string>();
        var first = new CountingReceipt(() => order.Add("first"));
        var second = new CountingReceipt(() => order.Add("second"));

        settlement.Settle(first, [new OutputMark(slow, 1)]);
        settlement.Settle(second, []);
        Assert.That(order, Is.Empty, "the second sent nothing, but the first is not settled yet");

        slow.Settled = 1;
        settlement.SettleReady();

        Assert.That(order, Is.EqualTo(new[] { "first", "second" }));
    }

    [Test]
    public void SettleReady_FromManyThreadsWhileSettling_SettlesEachEnvelopeOnce()
    {
        const int Envelopes = 20_000;
        var settlement = new OutputSettlement();
        var queue = new FakeQueue();
        var receipt = new CountingReceipt();
        var done = 0;
        var settlers = Enumerable.Range(0, 3).Select(i => Waits.Start($"settler {i}", () =>
        {
            while (Volatile.Read(ref done) == 0 || settlement.HasWaiting)
            {
                settlement.SettleReady();
            }
        })).ToList();

        for (var i = 1; i <= Envelopes; i++)
        {
            queue.Accepted = i;
            settlement.Settle(receipt, [new OutputMark(queue, i)]);
            if (i % 7 == 0)
            {
                queue.Settled = i;
            }
        }

        queue.Settled = Envelopes;
        Volatile.Write(ref done, 1);
        settlers.ForEach(thread => Waits.Joined(thread, "the settlers finished"));
        settlement.SettleReady();

        Assert.That(receipt.Settlements, Is.EqualTo(Envelopes));
    }

    private sealed class FakeQueue : IBatchedQueue
    {
        private long _accepted;
        private long _settled;

        public long Accepted
        {
            get => Volatile.Read(ref _accepted);
            set => Volatile.Write(ref _accepted, value);
        }

        public long Settled
        {
            get => Volatile.Read(ref _settled);
            set => Volatile.Write(ref _settled, value);
        }

        public int QueuedCount => 0;

        public long AcceptedCount => Accepted;

        public long SettledCount => Settled;

        public void WriteQueued()
        {
        }
    }

    private sealed class CountingReceipt(Action? onSettled = null) : IReceipt
    {
        private int _settlements;

        public int Settlements => Volatile.Read(ref _settlements);

        public bool IsOpen => true;

        public bool FromAdmin => false;

        public bool MayRunHandler => false;

        public void Done() => throw new InvalidOperationException("a settled envelope is settled, not done");

        public void Settled()
        {
            Interlocked.Increment(ref _settlements);
            onSettled?.Invoke();
        }
    }
}
