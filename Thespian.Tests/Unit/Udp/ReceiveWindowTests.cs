using Thespian.Bases.MultiprocUdp;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// The reorder buffer: the next datagram is processed at once, later ones kept until the gap fills, duplicates
/// recognised; what is kept is bounded (window, per-session bytes, shared budget) and reported as selective ranges.
/// </summary>
public sealed class ReceiveWindowTests
{
    private static ReceiveWindow Window(int ahead = 16, long bytes = 10_000, MemoryBudget? shared = null) =>
        new(ahead, bytes, shared ?? new MemoryBudget(1_000_000));

    private static byte[] Payload(byte value, int length = 10) => Enumerable.Repeat(value, length).ToArray();

    [Test]
    public void InOrder_IsProcessedAtOnce_AndThenADuplicate()
    {
        var window = Window();

        Assert.That(window.Offer(1, Payload(1)), Is.EqualTo(OfferResult.InOrder));
        window.Advance();

        Assert.That(window.Cumulative, Is.EqualTo(1UL));
        Assert.That(window.Offer(1, Payload(1)), Is.EqualTo(OfferResult.Duplicate));
    }

    [Test]
    public void AheadOfAGap_IsKeptThenProcessedInOrderOnceTheGapFills()
    {
        var window = Window();
        Assert.That(window.Offer(3, Payload(3)), Is.EqualTo(OfferResult.Buffered));
        Assert.That(window.Offer(2, Payload(2)), Is.EqualTo(OfferResult.Buffered));
        Assert.That(window.Offer(3, Payload(3)), Is.EqualTo(OfferResult.Duplicate), "kept already");
        Assert.That(window.TryPeekBuffered(out _), Is.False, "1 has not come");

        Assert.That(window.Offer(1, Payload(1)), Is.EqualTo(OfferResult.InOrder));
        window.Advance();
        var processed = new List<byte>();
        while (window.TryPeekBuffered(out var kept))
        {
            processed.Add(kept[0]);
            window.Advance();
        }

        Assert.That(processed, Is.EqualTo(new byte[] { 2, 3 }));
        Assert.That(window.Cumulative, Is.EqualTo(3UL));
        Assert.That(window.BufferedBytes, Is.Zero);
    }

    [Test]
    public void TooFarAhead_IsOutOfWindow()
    {
        var window = Window(ahead: 16);

        Assert.That(window.Offer(16, Payload(1)), Is.EqualTo(OfferResult.Buffered));
        Assert.That(window.Offer(17, Payload(1)), Is.EqualTo(OfferResult.OutOfWindow));
    }

    [Test]
    public void KeptBytes_AreBoundedPerWindowAndByTheSharedBudget()
    {
        var shared = new MemoryBudget(25);
        var window = Window(bytes: 1000, shared: shared);
        Assert.That(window.Offer(2, Payload(1)), Is.EqualTo(OfferResult.Buffered));
        Assert.That(window.Offer(3, Payload(1)), Is.EqualTo(OfferResult.Buffered));
        Assert.That(window.Offer(4, Payload(1)), Is.EqualTo(OfferResult.NoRoom), "the shared budget is spent");
        Assert.That(shared.Used, Is.EqualTo(20));

        var small = Window(bytes: 15);
        Assert.That(small.Offer(2, Payload(1)), Is.EqualTo(OfferResult.Buffered));
        Assert.That(small.Offer(3, Payload(1)), Is.EqualTo(OfferResult.NoRoom), "the window's own bound");
    }

    [Test]
    public void SackRanges_DescribeWhatIsKeptBeyondTheGap()
    {
        var window = Window();
        foreach (var sequence in new ulong[] { 3, 4, 5, 8, 10, 11 })
        {
            window.Offer(sequence, Payload(1));
        }

        var ranges = new SackRange[16];
        var count = window.CopySackRanges(ranges);

        Assert.That(ranges[..count], Is.EqualTo(new SackRange[] { new(3, 5), new(8, 8), new(10, 11) }));
        Assert.That(window.HasGap, Is.True);
    }

    [Test]
    public void Clear_GivesBackEverythingKept()
    {
        var shared = new MemoryBudget(1000);
        var window = Window(shared: shared);
        window.Offer(3, Payload(1));
        window.Offer(5, Payload(1));

        window.Clear();

        Assert.That(shared.Used, Is.Zero);
        Assert.That(window.BufferedBytes, Is.Zero);
        Assert.That(window.CopySackRanges(new SackRange[16]), Is.Zero);
    }

    [Test]
    public void LongRun_RandomOrderAndDuplicates_EachProcessedOnceInOrder()
    {
        var random = new Random(3);
        var window = Window(ahead: 64, bytes: 1_000_000);
        var processed = new List<ulong>();
        var next = 1UL;
        var pending = new List<ulong>();
        for (var round = 0; round < 1_000_000 && processed.Count < 5000; round++)
        {
            while (pending.Count < 32)
            {
                pending.Add(next++);
            }

            var pick = pending[random.Next(pending.Count)];
            var payload = BitConverter.GetBytes(pick);
            var result = window.Offer(pick, payload);
            if (result != OfferResult.OutOfWindow && random.Next(4) != 0)
            {
                // Taken (or a duplicate): usually not sent again; sometimes it is (a duplicate).
                pending.Remove(pick);
            }

            if (result == OfferResult.InOrder)
            {
                processed.Add(pick);
                window.Advance();
                while (window.TryPeekBuffered(out var kept))
                {
                    processed.Add(BitConverter.ToUInt64(kept));
                    window.Advance();
                }
            }

            pending.RemoveAll(p => p <= window.Cumulative && random.Next(2) == 0);
        }

        Assert.That(processed, Is.EqualTo(Enumerable.Range(1, processed.Count).Select(i => (ulong)i)));
    }
}
