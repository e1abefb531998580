using Moq;
using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

/// <summary>A <see cref="ThespianStatusRequest"/> is answered by the system from the cell's counters; the actor never sees it.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ActorCellStatusTests
{
    private readonly CellHarness _harness = new();
    private readonly ActorAddress _asker = ActorAddress.CreateNew();
    private readonly List<ThespianActorStatus> _answers = [];

    [SetUp]
    public void CaptureAnswers() =>
        _harness.Runtime.Setup(r => r.SendSystem(It.IsAny<ActorAddress>(), _asker, It.IsAny<ThespianActorStatus>()))
                .Callback<ActorAddress, ActorAddress, object>((_, _, m) => _answers.Add((ThespianActorStatus)m));

    [Test]
    public void Deliver_StatusRequest_AnswersTheAskerFromTheCellsAddress()
    {
        var cell = _harness.Start<ScriptedActor>();

        cell.Deliver(new ThespianStatusRequest(), _asker);

        _harness.Runtime.Verify(r => r.SendSystem(cell.Address, _asker, It.IsAny<ThespianActorStatus>()), Times.Once);
    }

    [Test]
    public void Deliver_StatusRequest_TheActorNeverSeesIt()
    {
        var cell = _harness.Start<ScriptedActor>();

        cell.Deliver(new ThespianStatusRequest(), _asker);

        Assert.That(((ScriptedActor)cell.Actor!).Received, Is.Empty);
    }

    [Test]
    public void Deliver_StatusRequest_ReportsTheCellsCounters()
    {
        var parent = ActorAddress.CreateNew();
        var child = ActorAddress.CreateNew();
        var cell = _harness.Start<ScriptedActor>(parent);
        var actor = (ScriptedActor)cell.Actor!;
        actor.OnMessage = (a, m, s) =>
        {
            if (m is "reply")
            {
                a.SendTo(s, "ok");
            }
        };
        cell.AddChild(child);
        cell.PendingWakeups = 3;
        cell.Deliver("reply", _asker);
        cell.Deliver("quiet", _asker);

        cell.Deliver(new ThespianStatusRequest(), _asker);

        var status = _answers.Single();
        Assert.That(status.ActorAddress, Is.EqualTo(cell.Address));
        Assert.That(status.ActorType, Is.EqualTo(typeof(ScriptedActor).FullName));
        Assert.That(status.ParentAddress, Is.EqualTo(parent));
        Assert.That(status.ChildActors, Is.EqualTo(Seq.Of(child)));
        Assert.That(status.MessagesReceived, Is.EqualTo(2));
        Assert.That(status.MessagesSent, Is.EqualTo(1));
        Assert.That(status.PendingWakeups, Is.EqualTo(3));
    }

    [Test]
    public void Deliver_StatusRequestTwice_StatusRequestsAreNotCountedAsReceived()
    {
        var cell = _harness.Start<ScriptedActor>();
        cell.Deliver("one", _asker);

        cell.Deliver(new ThespianStatusRequest(), _asker);
        cell.Deliver(new ThespianStatusRequest(), _asker);

        Assert.That(_answers.Select(s => s.MessagesReceived), Is.EqualTo(Seq.Of(1L, 1L)));
        Assert.That(cell.MessagesReceived, Is.EqualTo(1));
    }

    [Test]
    public void Deliver_StatusRequestToATopLevelActor_HasNoParentAndNoChildren()
    {
        var cell = _harness.Start<ScriptedActor>();

        cell.Deliver(new ThespianStatusRequest(), _asker);

        Assert.That(_answers.Single().ParentAddress, Is.Null);
        Assert.That(_answers.Single().ChildActors, Is.Empty);
    }

    [Test]
    public void Deliver_StatusRequestToAStoppedCell_IsDeadLetteredNotAnswered()
    {
        var cell = _harness.Start<ScriptedActor>();
        cell.Stop(recursive: true);
        var request = new ThespianStatusRequest();

        cell.Deliver(request, _asker);

        Assert.That(_answers, Is.Empty);
        _harness.Runtime.Verify(r => r.DeadLetter(cell.Address, request, _asker), Times.Once);
    }
}
