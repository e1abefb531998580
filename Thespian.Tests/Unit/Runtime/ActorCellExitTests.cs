using Moq;
using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

/// <summary>An <see cref="ActorExitRequest"/> is delivered to the actor, then the cell stops (recursively by default).</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ActorCellExitTests
{
    private readonly CellHarness _harness = new();
    private readonly ActorAddress _requester = ActorAddress.CreateNew();

    private (ActorCell Cell, ScriptedActor Actor, ActorAddress[] Children) StartWithChildren()
    {
        var cell = _harness.Start<ScriptedActor>();
        ActorAddress[] children = [ActorAddress.CreateNew(), ActorAddress.CreateNew()];
        foreach (var child in children)
        {
            cell.AddChild(child);
        }

        return (cell, (ScriptedActor)cell.Actor!, children);
    }

    [Test]
    public void Deliver_ExitRequest_ActorSeesItBeforeTheRuntimeIsToldItStopped()
    {
        var (cell, actor, _) = StartWithChildren();
        var exit = new ActorExitRequest();
        object[]? seenWhenStopped = null;
        _harness.Runtime.Setup(r => r.ActorStopped(cell, It.IsAny<IReadOnlyList<ActorAddress>>()))
                .Callback(() => seenWhenStopped = actor.Messages.ToArray());

        cell.Deliver(exit, _requester);

        Assert.That(seenWhenStopped, Is.EqualTo(Seq.Of<object>(exit)));
        _harness.Runtime.Verify(r => r.ActorStopped(cell, It.IsAny<IReadOnlyList<ActorAddress>>()), Times.Once);
    }

    [Test]
    public void Deliver_ExitRequest_ActorSeesTheRequesterAsSender()
    {
        var (cell, actor, _) = StartWithChildren();

        cell.Deliver(new ActorExitRequest(), _requester);

        Assert.That(actor.Received.Single().Sender, Is.EqualTo(_requester));
    }

    [Test]
    public void Deliver_ExitRequest_TheCellStopsAndReleasesTheActor()
    {
        var (cell, _, _) = StartWithChildren();

        cell.Deliver(new ActorExitRequest(), _requester);

        Assert.That(cell.State, Is.EqualTo(ActorCellState.Stopped));
        Assert.That(cell.Actor, Is.Null);
        Assert.That(cell.Children, Is.Empty);
    }

    [Test]
    public void Deliver_RecursiveExitRequest_EachChildGetsARecursiveExitRequestFromTheCell()
    {
        var (cell, _, children) = StartWithChildren();

        cell.Deliver(new ActorExitRequest(), _requester);

        foreach (var child in children)
        {
            _harness.Runtime.Verify(r => r.SendSystem(cell.Address, child, It.Is<ActorExitRequest>(e => e.IsRecursive)),
                                    Times.Once);
        }

        _harness.Runtime.Verify(r => r.ActorStopped(cell, It.Is<IReadOnlyList<ActorAddress>>(o => o.Count == 0)), Times.Once);
    }

    [Test]
    public void Deliver_NotRecursiveExitRequest_ChildrenArePassedAsOrphansAndGetNoExitRequest()
    {
        var (cell, _, children) = StartWithChildren();

        cell.Deliver(new ActorExitRequest(recursive: false), _requester);

        _harness.Runtime.Verify(r => r.SendSystem(It.IsAny<ActorAddress>(), It.IsAny<ActorAddress>(), It.IsAny<ActorExitRequest>()),
                                Times.Never);
        _harness.Runtime.Verify(r => r.ActorStopped(cell, It.Is<IReadOnlyList<ActorAddress>>(o => o.SequenceEqual(children))),
                                Times.Once);
    }

    [Test]
    public void Deliver_ActorCallsNotRecursiveWhileHandlingTheExit_ChildrenArePassedAsOrphans()
    {
        var (cell, actor, children) = StartWithChildren();
        actor.OnMessage = (_, m, _) => (m as ActorExitRequest)?.NotRecursive();

        cell.Deliver(new ActorExitRequest(), _requester);

        _harness.Runtime.Verify(r => r.SendSystem(It.IsAny<ActorAddress>(), It.IsAny<ActorAddress>(), It.IsAny<ActorExitRequest>()),
                                Times.Never);
        _harness.Runtime.Verify(r => r.ActorStopped(cell, It.Is<IReadOnlyList<ActorAddress>>(o => o.SequenceEqual(children))),
                                Times.Once);
    }

    [Test]
    public void Deliver_ExitHandlerThrows_TheCellStopsAnywayWithoutRetryOrPoison()
    {
        var (cell, actor, _) = StartWithChildren();
        actor.FailuresLeft = 2;

        cell.Deliver(new ActorExitRequest(), _requester);

        Assert.That(actor.Received, Has.Count.EqualTo(1));
        Assert.That(cell.State, Is.EqualTo(ActorCellState.Stopped));
        _harness.Runtime.Verify(r => r.SendSystem(It.IsAny<ActorAddress>(), It.IsAny<ActorAddress>(), It.IsAny<PoisonMessage>()),
                                Times.Never);
    }

    [Test]
    public void Deliver_AfterTheExit_IsDeadLetteredAndTheActorDoesNotSeeIt()
    {
        var (cell, actor, _) = StartWithChildren();
        cell.Deliver(new ActorExitRequest(), _requester);
        var late = new object();

        cell.Deliver(late, _requester);

        _harness.Runtime.Verify(r => r.DeadLetter(cell.Address, late, _requester), Times.Once);
        Assert.That(actor.Messages, Has.No.Member(late));
    }

    [Test]
    public void Stop_CalledTwice_TellsTheRuntimeOnce()
    {
        var (cell, _, _) = StartWithChildren();

        cell.Stop(recursive: true);
        cell.Stop(recursive: true);

        _harness.Runtime.Verify(r => r.ActorStopped(cell, It.IsAny<IReadOnlyList<ActorAddress>>()), Times.Once);
    }

    [Test]
    public void Send_FromAStoppedActor_ThrowsSayingItHasExited()
    {
        var (cell, actor, _) = StartWithChildren();
        cell.Deliver(new ActorExitRequest(), _requester);

        var ex = Assert.Throws<InvalidOperationException>(() => actor.SendTo(_requester, "too late"));

        Assert.That(ex!.Message, Does.Contain("has exited"));
    }
}
