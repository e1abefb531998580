using Thespian.Admin.Admin;

namespace Thespian.Tests.Unit;

[TestFixture]
public class RecentActorTypesTests
{
    [Test]
    public void Snapshot_NothingStarted_IsEmpty()
    {
        Assert.That(new RecentActorTypes().Snapshot(), Is.Empty);
    }

    [Test]
    public void Started_SeveralTypes_NewestFirst()
    {
        var recent = new RecentActorTypes();
        recent.Started("A", sourceHash: null);
        recent.Started("B", sourceHash: null);

        Assert.That(recent.Snapshot(), Is.EqualTo(Seq.Of("B", "A")));
    }

    [Test]
    public void Started_SameTypeAgain_ListedOnceAndMovedToTheFront()
    {
        var recent = new RecentActorTypes();
        recent.Started("A", sourceHash: null);
        recent.Started("B", sourceHash: null);
        recent.Started("A", sourceHash: null);

        Assert.That(recent.Snapshot(), Is.EqualTo(Seq.Of("A", "B")));
    }

    [Test]
    public void Started_MoreTypesThanTheCapacity_KeepsTheNewest()
    {
        var recent = new RecentActorTypes();
        for (var i = 0; i <= RecentActorTypes.Capacity; i++)
        {
            recent.Started($"T{i}", sourceHash: null);
        }

        var kept = recent.Snapshot();
        Assert.That(kept, Has.Length.EqualTo(RecentActorTypes.Capacity));
        Assert.That(kept[0], Is.EqualTo($"T{RecentActorTypes.Capacity}"));
        Assert.That(kept, Does.Not.Contain("T0"));
    }

    [Test]
    public void Started_FromALoadedSource_NotKept()
    {
        var recent = new RecentActorTypes();
        recent.Started("FromSource", sourceHash: "abc123");

        Assert.That(recent.Snapshot(), Is.Empty);
    }

    [Test]
    public void Snapshot_LaterStarts_DoNotChangeAnEarlierSnapshot()
    {
        var recent = new RecentActorTypes();
        recent.Started("A", sourceHash: null);
        var earlier = recent.Snapshot();
        recent.Started("B", sourceHash: null);

        Assert.That(earlier, Is.EqualTo(Seq.Of("A")));
    }
}
