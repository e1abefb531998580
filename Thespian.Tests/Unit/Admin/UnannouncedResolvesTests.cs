using Thespian.Admin.Admin;
using Thespian.Wire;

namespace Thespian.Tests.Unit;

[TestFixture]
public class UnannouncedResolvesTests
{
    private static ActorId Id(long n) => new(0, (ulong)n);

    private static Waiter Request(long id) =>
        new(new Envelope(EnvelopeKind.Control, ActorId.Zero, ActorId.Zero, ActorId.Zero, "127.0.0.1:1", ReadOnlyMemory<byte>.Empty), id);

    [Test]
    public void Park_FirstForAnAddress_TrueLaterOnesFalse()
    {
        var resolves = new UnannouncedResolves();

        Assert.That(resolves.Park(Id(7), Request(1)), Is.True, "the first arranges the expiry");
        Assert.That(resolves.Park(Id(7), Request(2)), Is.False);
        Assert.That(resolves.Park(Id(8), Request(3)), Is.True, "another address");
    }

    [Test]
    public void Take_ParkedResolves_HandedOverInOrderOnce()
    {
        var resolves = new UnannouncedResolves();
        resolves.Park(Id(7), Request(1));
        resolves.Park(Id(7), Request(2));

        Assert.That(resolves.Take(Id(7)).Select(w => w.RequestId), Is.EqualTo(Seq.Of(1L, 2L)));
        Assert.That(resolves.Take(Id(7)), Is.Empty);
        Assert.That(resolves.Take(Id(7)), Is.Empty, "taken once: nothing is left to refuse");
    }

    [Test]
    public void Take_NeverAnnounced_ParkedResolvesToRefuseThenAFreshWait()
    {
        var resolves = new UnannouncedResolves();
        resolves.Park(Id(7), Request(1));

        Assert.That(resolves.Take(Id(7)).Select(w => w.RequestId), Is.EqualTo(Seq.Of(1L)));
        Assert.That(resolves.Park(Id(7), Request(2)), Is.True, "a later resolve waits afresh");
    }

    [Test]
    public void HasEnded_EndedActor_TrueOthersFalse()
    {
        var resolves = new UnannouncedResolves();
        resolves.Ended(Id(7));

        Assert.That(resolves.HasEnded(Id(7)), Is.True);
        Assert.That(resolves.HasEnded(Id(8)), Is.False);
    }

    [Test]
    public void Ended_MoreThanTheCapacity_ForgetsTheOldest()
    {
        var resolves = new UnannouncedResolves();
        for (var id = 0; id <= UnannouncedResolves.EndedCapacity; id++)
        {
            resolves.Ended(Id(id));
        }

        Assert.That(resolves.HasEnded(Id(0)), Is.False, "the oldest is forgotten");
        Assert.That(resolves.HasEnded(Id(1)), Is.True);
        Assert.That(resolves.HasEnded(Id(UnannouncedResolves.EndedCapacity)), Is.True);
    }
}
