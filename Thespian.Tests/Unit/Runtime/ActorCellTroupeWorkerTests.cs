using Moq;
using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

/// <summary>A troupe worker unwraps <see cref="TroupeWork"/> and reports <see cref="TroupeWorkerIdle"/> to its leader when done.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ActorCellTroupeWorkerTests
{
    private readonly CellHarness _harness = new();
    private readonly ActorAddress _leader = ActorAddress.CreateNew();
    private readonly ActorAddress _client = ActorAddress.CreateNew();

    private (ActorCell Cell, ScriptedActor Actor) StartWorker()
    {
        var cell = _harness.Start<ScriptedActor>(parent: _leader, troupeLeader: _leader);
        return (cell, (ScriptedActor)cell.Actor!);
    }

    private void VerifyIdleReports(ActorCell cell, int times) =>
        _harness.Runtime.Verify(r => r.SendSystem(cell.Address, _leader, It.IsAny<TroupeWorkerIdle>()), Times.Exactly(times));

    [Test]
    public void Constructor_WithTroupeLeader_KeepsIt()
    {
        var (cell, _) = StartWorker();

        Assert.That(cell.TroupeLeader, Is.EqualTo(_leader));
    }

    [Test]
    public void Deliver_TroupeWork_TheActorSeesTheOriginalMessageAndSender()
    {
        var (cell, actor) = StartWorker();

        cell.Deliver(new TroupeWork("job", _client), _leader);

        Assert.That(actor.Received, Is.EqualTo(Seq.Of<(object, ActorAddress)>(("job", _client))));
    }

    [Test]
    public void Deliver_TroupeWork_ReportsIdleToTheLeaderAfterTheWorkIsHandled()
    {
        var (cell, actor) = StartWorker();
        int? handledWhenReported = null;
        _harness.Runtime.Setup(r => r.SendSystem(cell.Address, _leader, It.IsAny<TroupeWorkerIdle>()))
                .Callback(() => handledWhenReported = actor.Received.Count);

        cell.Deliver(new TroupeWork("job", _client), _leader);

        VerifyIdleReports(cell, 1);
        Assert.That(handledWhenReported, Is.EqualTo(1));
    }

    [Test]
    public void Deliver_TroupeWorkLeavingWorkInProgress_NoIdleReportUntilItIsCleared()
    {
        var (cell, actor) = StartWorker();
        actor.OnMessage = (a, m, _) => a.WorkInProgress = m is not "finish";

        cell.Deliver(new TroupeWork("start", _client), _leader);
        cell.Deliver("more", cell.Address);
        VerifyIdleReports(cell, 0);

        cell.Deliver("finish", cell.Address);
        VerifyIdleReports(cell, 1);
    }

    [Test]
    public void Deliver_PlainMessageToAWorkerWithNoWork_SendsNoIdleReport()
    {
        var (cell, _) = StartWorker();

        cell.Deliver("not troupe work", _client);

        VerifyIdleReports(cell, 0);
    }

    [Test]
    public void Deliver_SecondMessageAfterTheIdleReport_DoesNotReportAgain()
    {
        var (cell, _) = StartWorker();
        cell.Deliver(new TroupeWork("job", _client), _leader);

        cell.Deliver("follow-up", _client);

        VerifyIdleReports(cell, 1);
    }

    [Test]
    public void Deliver_TroupeWorkFailingTwice_PoisonGoesToTheOriginalSenderAndIdleIsStillReported()
    {
        var (cell, actor) = StartWorker();
        actor.FailuresLeft = 2;

        cell.Deliver(new TroupeWork("job", _client), _leader);

        _harness.Runtime.Verify(r => r.SendSystem(cell.Address, _client, It.Is<PoisonMessage>(p => Equals(p.Message, "job"))),
                                Times.Once);
        VerifyIdleReports(cell, 1);
    }

    [Test]
    public void Deliver_TroupeWorkToACellWithoutALeader_IsUnwrappedButNothingIsReported()
    {
        var cell = _harness.Start<ScriptedActor>();

        cell.Deliver(new TroupeWork("job", _client), _leader);

        Assert.That(((ScriptedActor)cell.Actor!).Messages, Is.EqualTo(Seq.Of<object>("job")));
        _harness.Runtime.Verify(r => r.SendSystem(It.IsAny<ActorAddress>(), It.IsAny<ActorAddress>(), It.IsAny<TroupeWorkerIdle>()),
                                Times.Never);
    }
}
