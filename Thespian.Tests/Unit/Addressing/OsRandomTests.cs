namespace Thespian.Tests.Unit.Addressing;

public sealed class OsRandomTests
{
    [Test]
    public void Fill_TwoBuffers_AreFilledAndDiffer()
    {
        var first = new byte[4096];
        var second = new byte[4096];

        OsRandom.Fill(first);
        OsRandom.Fill(second);

        Assert.Multiple(() =>
        {
            Assert.That(first.Count(b => b == 0), Is.LessThan(64), "about 16 of 4096 random bytes are zero");
            Assert.That(first, Is.Not.EqualTo(second));
        });
    }

    [Test]
    public void Fill_EmptyAndOddSizedSpans_FillsExactlyThem()
    {
        var buffer = new byte[100];

        OsRandom.Fill(Span<byte>.Empty);
        OsRandom.Fill(buffer.AsSpan(1, 97));

        Assert.Multiple(() =>
        {
            Assert.That(buffer[0], Is.Zero, "the byte before the span");
            Assert.That(buffer[98], Is.Zero, "the byte after the span");
            Assert.That(buffer[99], Is.Zero);
            Assert.That(buffer.Skip(1).Take(97).Count(b => b != 0), Is.GreaterThan(80));
        });
    }

    [Test]
    public void Fill_ManyThreadsAtOnce_EveryIdentifierIsUnique()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<ActorId>();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                ids.Add(ActorAddress.NewId());
            }
        });

        Assert.That(ids.Distinct().Count(), Is.EqualTo(8000));
    }
}
