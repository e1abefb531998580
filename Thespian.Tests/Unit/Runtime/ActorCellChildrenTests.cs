namespace Thespian.Tests.Unit.Runtime;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ActorCellChildrenTests
{
    private readonly CellHarness _harness = new();

    [Test]
    public void AddChild_TwoChildren_BothListedInOrder()
    {
        var cell = _harness.Start<ScriptedActor>();
        var first = ActorAddress.CreateNew();
        var second = ActorAddress.CreateNew();

        cell.AddChild(first);
        cell.AddChild(second);

        Assert.That(cell.Children, Is.EqualTo(Seq.Of(first, second)));
    }

    [Test]
    public void Deliver_ChildActorExited_RemovesTheChildAndTheActorSeesTheMessage()
    {
        var cell = _harness.Start<ScriptedActor>();
        var leaving = ActorAddress.CreateNew();
        var staying = ActorAddress.CreateNew();
        cell.AddChild(leaving);
        cell.AddChild(staying);
        var exited = new ChildActorExited(leaving);

        cell.Deliver(exited, leaving);

        Assert.That(cell.Children, Is.EqualTo(Seq.Of(staying)));
        Assert.That(((ScriptedActor)cell.Actor!).Messages, Is.EqualTo(Seq.Of<object>(exited)));
    }

    [Test]
    public void Deliver_ChildActorExitedForAnUnknownAddress_ChangesNothing()
    {
        var cell = _harness.Start<ScriptedActor>();
        var child = ActorAddress.CreateNew();
        cell.AddChild(child);

        cell.Deliver(new ChildActorExited(ActorAddress.CreateNew()), ActorAddress.CreateNew());

        Assert.That(cell.Children, Is.EqualTo(Seq.Of(child)));
    }

    [Test]
    public void RemoveChild_NoChildrenYet_DoesNotThrow()
    {
        var cell = _harness.Start<ScriptedActor>();

        Assert.DoesNotThrow(() => cell.RemoveChild(ActorAddress.CreateNew()));
        Assert.That(cell.Children, Is.Empty);
    }
}
