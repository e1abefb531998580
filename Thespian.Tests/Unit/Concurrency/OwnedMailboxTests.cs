using Thespian.Admin;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// A mailbox run by one owner at a time: the reader thread, or a writer that found it idle and runs the items itself.
/// Whatever mix of writers, every item runs exactly once, in each writer's order, never on two threads at once, and no
/// item is left waiting without an owner or a woken reader.
/// </summary>
public sealed class OwnedMailboxTests
{
    private readonly record struct Item(int Writer, int Sequence);

    /// <summary>Runs batches the way the admin loop and an actor host do, and records what it sees.</summary>
    private sealed class Runner(int writers)
    {
        private readonly int[] _next = new int[writers];
        private int _running;
        private long _ran;
        private long _ranByWriters;

        /// <summary>Times a batch began while another was running.</summary>
        public int Overlaps;

        /// <summary>Items that did not come next in their writer's order (a duplicate, a gap or a reordering).</summary>
        public int OutOfOrder;

        public long Ran => Interlocked.Read(ref _ran);

        public long RanByWriters => Interlocked.Read(ref _ranByWriters);

        /// <summary>How far each writer's items have run (runs never overlap, so one thread at a time updates it).</summary>
        public IReadOnlyList<int> Next => _next;

        public void Run(Queue<Item> items, bool onWriter)
        {
            if (Interlocked.Increment(ref _running) != 1)
            {
                Interlocked.Increment(ref Overlaps);
            }

            var count = 0;
            while (items.TryDequeue(out var item))
            {
                if (item.Sequence != _next[item.Writer])
                {
                    Interlocked.Increment(ref OutOfOrder);
                }

                _next[item.Writer] = item.Sequence + 1;
                count++;
            }

            Thread.SpinWait(20);
            Interlocked.Decrement(ref _running);
            Interlocked.Add(ref _ran, count);
            if (onWriter)
            {
                Interlocked.Add(ref _ranByWriters, count);
            }
        }
    }

    private static Thread StartReader(OwnedMailbox<Item> mailbox, Runner runner) =>
        Waits.Start("mailbox reader", () =>
        {
            while (mailbox.TakeAll() is { } items)
            {
                runner.Run(items, onWriter: false);
            }
        });

    [Test]
    public void ConcurrentWriters_SomeRunningIdleMailboxes_EveryItemRunsOnceInEachWritersOrderOnOneThreadAtATime()
    {
        const int Writers = 4;
        const int PerWriter = 20_000;
        const int Tail = 100;
        var mailbox = new OwnedMailbox<Item>();
        var runner = new Runner(Writers);
        var reader = StartReader(mailbox, runner);
        using var start = new Barrier(Writers);
        using var ownersDone = new CountdownEvent(Writers / 2);
        var refused = 0;

        // Even writers run the mailbox when they find it idle; odd ones only add, and add their last items once the others
        // have stopped, so that the reader runs some too (an owner runs what arrives while it owns the mailbox).
        var writers = Enumerable.Range(0, Writers).Select(w => Waits.Start($"writer {w}", () =>
        {
            start.SignalAndWait();
            for (var i = 0; i < PerWriter; i++)
            {
                if (w % 2 == 0)
                {
                    mailbox.WriteAndRunIfIdle(new Item(w, i), runner, static (items, r) => r.Run(items, onWriter: true));
                    continue;
                }

                if (i == PerWriter - Tail)
                {
                    ownersDone.Wait();
                }

                if (!mailbox.TryWrite(new Item(w, i)))
                {
                    Interlocked.Increment(ref refused);
                }
            }

            if (w % 2 == 0)
            {
                ownersDone.Signal();
            }
        })).ToList();
        writers.ForEach(w => Waits.Joined(w, "the writers finished"));
        Assert.That(refused, Is.Zero, "a write was refused before the mailbox was completed");

        // Before Complete (which wakes the reader anyway): an item left without an owner would never run.
        Waits.Eventually(() => runner.Ran == Writers * PerWriter, "every item written has run");
        mailbox.Complete();
        Waits.Joined(reader, "the reader left once the mailbox was completed and empty");

        Assert.Multiple(() =>
        {
            Assert.That(runner.Overlaps, Is.Zero, "batches ran on two threads at once");
            Assert.That(runner.OutOfOrder, Is.Zero, "items ran out of their writer's order, twice or not at all");
            Assert.That(runner.Next, Is.All.EqualTo(PerWriter), "every writer's last item ran");
            // How many items writers ran depends on scheduling (under load the reader may run them all): not asserted here;
            // TryWriteOrOwn_IdleMailbox_CallerOwnsUntilItTakesTheMailboxEmpty proves a writer owns an idle mailbox.
            Assert.That(runner.Ran - runner.RanByWriters, Is.GreaterThanOrEqualTo(Tail * Writers / 2), "the reader ran items");
        });
    }

    [Test]
    public void Bursts_WritersStopAfterEach_NothingIsLeftWaiting()
    {
        // Each round ends with every writer stopped: the hand-over between owners happens at the very end of a burst, where an
        // item left behind by a departing owner would be seen at once.
        const int Rounds = 1_000;
        var mailbox = new OwnedMailbox<Item>();
        var runner = new Runner(2);
        var reader = StartReader(mailbox, runner);
        using var round = new Barrier(3);
        var written = 0L;

        var owner = Waits.Start("owning writer", () =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                round.SignalAndWait();
                mailbox.WriteAndRunIfIdle(new Item(0, r), runner, static (items, run) => run.Run(items, onWriter: true));
                round.SignalAndWait();
            }
        });
        var plain = Waits.Start("plain writer", () =>
        {
            for (var r = 0; r < Rounds; r++)
            {
                round.SignalAndWait();
                mailbox.TryWrite(new Item(1, r));
                round.SignalAndWait();
            }
        });

        for (var r = 0; r < Rounds; r++)
        {
            round.SignalAndWait();
            round.SignalAndWait();
            written += 2;
            var expected = written;
            Waits.Eventually(() => runner.Ran == expected, $"round {r}: both items of the burst ran after the writers stopped");
        }

        Waits.Joined(owner, "the owning writer finished");
        Waits.Joined(plain, "the plain writer finished");
        mailbox.Complete();
        Waits.Joined(reader, "the reader left");
        Assert.That(runner.Overlaps, Is.Zero);
        Assert.That(runner.OutOfOrder, Is.Zero);
    }

    [Test]
    public void TryWriteOrOwn_IdleMailbox_CallerOwnsUntilItTakesTheMailboxEmpty()
    {
        var mailbox = new OwnedMailbox<int>();

        Assert.That(mailbox.TryWriteOrOwn(1), Is.EqualTo(MailboxWrite.Owned));
        Assert.That(mailbox.TryWriteOrOwn(2), Is.EqualTo(MailboxWrite.Queued), "the mailbox is owned");
        Assert.That(mailbox.TryWrite(3), Is.True);
        Assert.That(mailbox.TakeOwned()?.ToArray(), Is.EqualTo(new[] { 1, 2, 3 }), "everything waiting, in order");
        Assert.That(mailbox.TryWriteOrOwn(4), Is.EqualTo(MailboxWrite.Queued), "still owned until a take finds it empty");
        Assert.That(mailbox.TakeOwned()?.ToArray(), Is.EqualTo(new[] { 4 }));
        Assert.That(mailbox.TakeOwned(), Is.Null, "empty: ownership given up");
        Assert.That(mailbox.TryWriteOrOwn(5), Is.EqualTo(MailboxWrite.Owned), "idle again: the next writer owns it");
    }

    [Test]
    public void TakeAll_WhileAWriterOwns_WaitsAndTakesNothingUntilTheOwnerLetsGo()
    {
        var mailbox = new OwnedMailbox<int>();
        Assert.That(mailbox.TryWriteOrOwn(1), Is.EqualTo(MailboxWrite.Owned));
        var taken = new List<int[]>();
        var reader = Waits.Start("reader", () =>
        {
            while (mailbox.TakeAll() is { } items)
            {
                lock (taken)
                {
                    taken.Add(items.ToArray());
                }
            }
        });

        Waits.UntilBlocked(reader, () => { lock (taken) { return taken.Count; } }, "the reader waits while a writer owns the mailbox");
        Assert.That(taken, Is.Empty, "the reader took items a writer owns");

        // The owner stops early (a fault): the reader is woken and runs what is waiting.
        mailbox.ReleaseOwned();
        Waits.Eventually(() => { lock (taken) { return taken.Count == 1; } }, "the reader took what the owner left");
        mailbox.Complete();
        Waits.Joined(reader, "the reader left");
        Assert.That(taken, Is.EqualTo(new[] { new[] { 1 } }));
    }

    [Test]
    public void Complete_RefusesEveryWayOfWritingAndTheReaderTakesWhatWasWaitingThenLeaves()
    {
        var mailbox = new OwnedMailbox<int>();
        mailbox.TryWrite(1);
        mailbox.TryWrite(2);

        mailbox.Complete();

        var ran = new List<int>();
        Assert.Multiple(() =>
        {
            Assert.That(mailbox.TryWrite(3), Is.False);
            Assert.That(mailbox.TryWriteOrOwn(4), Is.EqualTo(MailboxWrite.Refused));
        });
        mailbox.WriteAndRunIfIdle(5, ran, static (items, r) => r.AddRange(items));
        Assert.That(ran, Is.Empty, "a refused item is not run");
        Assert.That(mailbox.TakeAll()?.ToArray(), Is.EqualTo(new[] { 1, 2 }), "what was accepted before is still taken");
        Assert.That(mailbox.TakeAll(), Is.Null, "completed and empty");
    }

    [Test]
    public void Complete_WhileAWriterRunsTheMailbox_TheReaderLeavesOnlyAfterTheOwnerFinishes()
    {
        var mailbox = new OwnedMailbox<int>();
        using var running = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var ran = new List<int>();
        var owner = Waits.Start("owning writer", () =>
            mailbox.WriteAndRunIfIdle(1, ran, (items, r) =>
            {
                running.Set();
                finish.Wait();
                r.AddRange(items);
            }));
        Assert.That(running.Wait(Waits.Patience), Is.True, "the writer runs the idle mailbox");
        Assert.That(mailbox.TryWrite(2), Is.True, "accepted while the owner runs: the owner runs it too");
        var readerLeft = false;
        var reader = Waits.Start("reader", () => readerLeft = mailbox.TakeAll() is null);

        mailbox.Complete();
        Waits.UntilBlocked(reader, () => readerLeft ? 1 : 0, "the reader waits for the owner");
        Assert.That(reader.IsAlive, Is.True, "the reader left while a writer still ran the mailbox");

        finish.Set();
        Waits.Joined(owner, "the owner finished");
        Waits.Joined(reader, "the reader left once the owner let go");
        Assert.That(readerLeft, Is.True);
        Assert.That(ran, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void WriteAndRunIfIdle_RunThrows_TheExceptionPropagatesAndTheReaderRunsEverythingNotRun()
    {
        var mailbox = new OwnedMailbox<string>();
        var ranByWriter = new List<string>();

        // The first batch queues three more (the mailbox is owned, so they wait); the second batch fails on its first item.
        var fault = Assert.Throws<InvalidOperationException>(() =>
            mailbox.WriteAndRunIfIdle("a1", ranByWriter, (items, ran) =>
            {
                var item = items.Dequeue();
                ran.Add(item);
                if (item == "a1")
                {
                    mailbox.TryWrite("b1");
                    mailbox.TryWrite("b2");
                    mailbox.TryWrite("b3");
                    return;
                }

                throw new InvalidOperationException($"fault running {item}");
            }));
        Assert.That(fault!.Message, Is.EqualTo("fault running b1"));
        Assert.That(ranByWriter, Is.EqualTo(new[] { "a1", "b1" }));

        mailbox.TryWrite("c1");
        var ranByReader = new List<string>();
        var reader = Waits.Start("reader", () =>
        {
            while (mailbox.TakeAll() is { } items)
            {
                lock (ranByReader)
                {
                    ranByReader.AddRange(items);
                }
            }
        });

        Waits.Eventually(() => { lock (ranByReader) { return ranByReader.Contains("c1"); } }, "the reader runs what is left");
        mailbox.Complete();
        Waits.Joined(reader, "the reader left");
        Assert.That(ranByReader, Is.EqualTo(new[] { "b2", "b3", "c1" }),
                    "what the failed owner took but did not run goes to the reader, before what came later");
    }

    [Test]
    public void WriteAndRunIfIdle_RunThrows_OwnershipIsGivenUp()
    {
        var mailbox = new OwnedMailbox<int>();

        Assert.Throws<InvalidOperationException>(() =>
            mailbox.WriteAndRunIfIdle(1, 0, static (items, _) =>
            {
                items.Clear();
                throw new InvalidOperationException("fault");
            }));

        Assert.That(mailbox.TryWriteOrOwn(2), Is.EqualTo(MailboxWrite.Owned), "the failed owner still held the mailbox");
    }
}
