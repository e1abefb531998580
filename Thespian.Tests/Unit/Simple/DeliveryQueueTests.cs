using Thespian.Bases.Simple;

namespace Thespian.Tests.Unit.Simple;

/// <summary>The simple base's ring-buffer FIFO (initial capacity 64; it doubles when full).</summary>
public sealed class DeliveryQueueTests
{
    private static readonly ActorAddress Target = ActorAddress.CreateNew();
    private static readonly ActorAddress Sender = ActorAddress.CreateNew();

    private static Delivery Numbered(int n) => new(Target, n, Sender);

    private static List<int> DrainNumbers(DeliveryQueue queue)
    {
        var numbers = new List<int>();
        while (queue.TryDequeue(out var delivery))
        {
            numbers.Add((int)delivery.Message);
        }

        return numbers;
    }

    [Test]
    public void TryDequeue_Empty_ReturnsFalseAndDefault()
    {
        var queue = new DeliveryQueue();

        Assert.That(queue.TryDequeue(out var delivery), Is.False);
        Assert.That(delivery, Is.EqualTo(default(Delivery)));
    }

    [Test]
    public void TryDequeue_OneDelivery_ReturnsItWithTargetMessageAndSender()
    {
        var queue = new DeliveryQueue();
        var target = ActorAddress.CreateNew();
        var sender = ActorAddress.CreateNew();
        queue.Enqueue(new Delivery(target, "hello", sender));

        Assert.That(queue.TryDequeue(out var delivery), Is.True);
        Assert.That(delivery.Target, Is.SameAs(target));
        Assert.That(delivery.Message, Is.EqualTo("hello"));
        Assert.That(delivery.Sender, Is.SameAs(sender));
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public void Enqueue_PastSeveralGrowths_DequeuesInFifoOrder()
    {
        var queue = new DeliveryQueue();
        for (var i = 0; i < 1000; i++)
        {
            queue.Enqueue(Numbered(i));
        }

        Assert.That(queue.Count, Is.EqualTo(1000));
        Assert.That(DrainNumbers(queue), Is.EqualTo(Enumerable.Range(0, 1000)));
    }

    [Test]
    public void Enqueue_GrowthWhileTheContentsWrapAround_KeepsFifoOrder()
    {
        var queue = new DeliveryQueue();
        var next = 0;
        for (; next < 40; next++)
        {
            queue.Enqueue(Numbered(next));
        }

        var expected = 0;
        for (; expected < 30; expected++)
        {
            Assert.That(queue.TryDequeue(out var d) && (int)d.Message == expected, Is.True);
        }

        // Head is now at 30 of 64: these wrap around the end and then force a growth with a wrapped layout.
        for (; next < 200; next++)
        {
            queue.Enqueue(Numbered(next));
        }

        Assert.That(DrainNumbers(queue), Is.EqualTo(Enumerable.Range(expected, next - expected)));
    }

    [Test]
    public void EnqueueAndDequeue_InterleavedPastSeveralGrowths_KeepFifoOrder()
    {
        var queue = new DeliveryQueue();
        var next = 0;
        var expected = 0;
        for (var round = 0; round < 500; round++)
        {
            // Three in, two out: the queue grows by one per round, so the head keeps moving while it grows.
            for (var i = 0; i < 3; i++)
            {
                queue.Enqueue(Numbered(next++));
            }

            for (var i = 0; i < 2; i++)
            {
                Assert.That(queue.TryDequeue(out var delivery), Is.True);
                Assert.That(delivery.Message, Is.EqualTo(expected++), $"round {round}");
            }
        }

        Assert.That(queue.Count, Is.EqualTo(500));
        Assert.That(DrainNumbers(queue), Is.EqualTo(Enumerable.Range(expected, next - expected)));
    }

    [Test]
    public void Clear_WithQueuedDeliveries_EmptiesTheQueue()
    {
        var queue = new DeliveryQueue();
        for (var i = 0; i < 100; i++)
        {
            queue.Enqueue(Numbered(i));
        }

        queue.Clear();

        Assert.That(queue.Count, Is.Zero);
        Assert.That(queue.TryDequeue(out _), Is.False);
    }

    [Test]
    public void Clear_ThenEnqueue_StartsAFreshFifo()
    {
        var queue = new DeliveryQueue();
        for (var i = 0; i < 50; i++)
        {
            queue.Enqueue(Numbered(i));
            queue.TryDequeue(out _);
        }

        queue.Enqueue(Numbered(-1));
        queue.Clear();
        queue.Enqueue(Numbered(1));
        queue.Enqueue(Numbered(2));

        Assert.That(DrainNumbers(queue), Is.EqualTo(Seq.Of(1, 2)));
    }

    [Test]
    public void TryDequeue_AfterDraining_ReturnsFalseAgain()
    {
        var queue = new DeliveryQueue();
        queue.Enqueue(Numbered(1));
        queue.TryDequeue(out _);

        Assert.That(queue.TryDequeue(out _), Is.False);
        Assert.That(queue.Count, Is.Zero);
    }
}
