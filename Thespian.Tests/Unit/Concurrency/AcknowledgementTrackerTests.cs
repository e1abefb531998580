using System.Collections.Concurrent;
using Thespian.Bases.MultiprocTcp;
using Thespian.Wire;
using static Thespian.Tests.Unit.Concurrency.NumberedEnvelopes;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// What an outbound connection has accepted and not seen acknowledged: the count that flushing waits on, and the
/// envelopes written, in order, until acknowledgements release them (or a failure takes them back).
/// </summary>
public sealed class AcknowledgementTrackerTests
{
    private static List<int> TakeAllSequences(AcknowledgementTracker tracker)
    {
        var into = new List<Envelope>();
        tracker.TakeAll(into);
        return into.Select(SequenceOf).ToList();
    }

    private static AcknowledgementTracker WithWritten(int count)
    {
        var tracker = new AcknowledgementTracker();
        for (var i = 0; i < count; i++)
        {
            tracker.AddPending();
        }

        tracker.Written(Range(0, count));
        return tracker;
    }

    [Test]
    public void WaitDrained_NothingAccepted_IsComplete()
    {
        Assert.That(new AcknowledgementTracker().WaitDrainedAsync().IsCompleted, Is.True);
    }

    [Test]
    public void WaitDrained_CompletesOnlyWhenEveryAcceptedEnvelopeIsAcknowledged()
    {
        var tracker = WithWritten(3);
        var drained = tracker.WaitDrainedAsync();

        tracker.Acknowledged(Counts(2));
        Assert.That(drained.IsCompleted, Is.False, "one is not acknowledged yet");
        Assert.That(tracker.WaitDrainedAsync().IsCompleted, Is.False);

        tracker.Acknowledged(Counts(1));
        Assert.That(drained.IsCompleted, Is.True);
        Assert.That(TakeAllSequences(tracker), Is.Empty);
    }

    [Test]
    public void WaitDrained_CompletesWhenTheRestIsHandedBack()
    {
        var tracker = WithWritten(3);
        tracker.AddPending();
        var drained = tracker.WaitDrainedAsync();
        tracker.Acknowledged(Counts(1));

        tracker.RemovePending(2);
        Assert.That(drained.IsCompleted, Is.False, "one accepted envelope is still queued");

        tracker.RemovePending(1);
        Assert.That(drained.IsCompleted, Is.True);
    }

    [Test]
    public void AddPending_AfterDraining_StartsANewWait()
    {
        var tracker = WithWritten(1);
        tracker.Acknowledged(Counts(1));
        Assert.That(tracker.WaitDrainedAsync().IsCompleted, Is.True);

        tracker.AddPending();

        Assert.That(tracker.WaitDrainedAsync().IsCompleted, Is.False);
    }

    [Test]
    public void TakeAll_ReturnsWhatIsNotAcknowledgedInOrderOnce()
    {
        var tracker = new AcknowledgementTracker();
        tracker.Written(Range(0, 4));
        tracker.Written(Range(4, 3));

        tracker.Acknowledged(Counts(2));

        Assert.That(TakeAllSequences(tracker), Is.EqualTo(new[] { 2, 3, 4, 5, 6 }));
        Assert.That(TakeAllSequences(tracker), Is.Empty, "taken once");
    }

    [Test]
    public void Acknowledged_SeveralCountsInOneRead_ReleasesTheirSumAndIgnoresAPartialCount()
    {
        var tracker = WithWritten(10);
        var bytes = Counts(1, 2, 3, 4);

        // The last count's final byte has not arrived: only the three whole counts are taken.
        tracker.Acknowledged(bytes.AsSpan(0, bytes.Length - 1));

        Assert.That(TakeAllSequences(tracker), Is.EqualTo(new[] { 6, 7, 8, 9 }));
    }

    [Test]
    public void Acknowledged_MoreThanWritten_ReleasesOnlyWhatWasWritten()
    {
        var tracker = WithWritten(2);
        tracker.AddPending();
        var drained = tracker.WaitDrainedAsync();

        tracker.Acknowledged(Counts(5));

        Assert.That(drained.IsCompleted, Is.False, "the third envelope is queued, not written: it is still pending");
        tracker.Written(Range(2, 1));
        Assert.That(TakeAllSequences(tracker), Is.EqualTo(new[] { 2 }), "a later envelope is not released by an earlier count");
    }

    [TestCase(-1)]
    [TestCase(int.MinValue)]
    [TestCase(0)]
    public void Acknowledged_CountNotPositive_ReleasesNothing(int count)
    {
        var tracker = WithWritten(3);

        tracker.Acknowledged(Counts(count, 1));

        Assert.That(TakeAllSequences(tracker), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(tracker.WaitDrainedAsync().IsCompleted, Is.False);
    }

    [Test]
    public void ConcurrentSendersWriterAndAcknowledgements_EverythingIsReleasedInOrderAndTheWaitCompletes()
    {
        // As on a connection: senders accept envelopes and queue them, one writer takes batches in order, and the
        // acknowledgements come back on another thread, several counts or a partial count per read.
        const int Senders = 2;
        const int PerSender = 50_000;
        const int Total = Senders * PerSender;
        var tracker = new AcknowledgementTracker();
        var queue = new ConcurrentQueue<Envelope>();
        using var wire = new BlockingCollection<int>();
        var sequence = 0;

        // An envelope accepted and never written: while it is pending, nothing the others do completes the wait.
        tracker.AddPending();
        var heldOpen = tracker.WaitDrainedAsync();

        var senders = Enumerable.Range(0, Senders).Select(s => Waits.Start($"sender {s}", () =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                tracker.AddPending();
                lock (queue)
                {
                    queue.Enqueue(Numbered(sequence++));
                }
            }
        })).ToList();
        var writer = Waits.Start("writer", () =>
        {
            var batch = new List<Envelope>();
            var written = 0;
            while (written < Total)
            {
                batch.Clear();
                while (batch.Count < 64 && queue.TryDequeue(out var envelope))
                {
                    batch.Add(envelope);
                }

                if (batch.Count == 0)
                {
                    Thread.Yield();
                    continue;
                }

                tracker.Written(batch);
                written += batch.Count;
                wire.Add(batch.Count);
            }

            wire.CompleteAdding();
        });
        var acknowledger = Waits.Start("acknowledgements", () =>
        {
            var random = new Random(13);
            var owed = 0;
            foreach (var count in wire.GetConsumingEnumerable())
            {
                owed += count;
                var now = random.Next(1, owed + 1);
                var split = random.Next(1, now + 1);
                tracker.Acknowledged(Counts(split, now - split));
                owed -= now;
            }

            tracker.Acknowledged(Counts(owed));
        });

        senders.ForEach(s => Waits.Joined(s, "the senders finished"));
        Waits.Joined(writer, "the writer wrote everything");
        Waits.Joined(acknowledger, "everything was acknowledged");

        Assert.That(heldOpen.IsCompleted, Is.False, "the wait completed while an envelope was still pending");
        Assert.That(TakeAllSequences(tracker), Is.Empty, "everything written was acknowledged");
        tracker.RemovePending(1);
        Assert.That(heldOpen.Wait(Waits.Patience), Is.True, "the wait completed once the last envelope was handed back");
    }
}
