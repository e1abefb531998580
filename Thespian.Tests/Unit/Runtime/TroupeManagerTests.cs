using Moq;
using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

/// <summary>
/// The <see cref="TroupeManager"/> at a troupe's address, run in a real cell against a mocked runtime:
/// the workers it creates are just addresses the mock hands out.
/// </summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TroupeManagerTests
{
    private readonly CellHarness _harness = new();
    private readonly List<ActorAddress> _workers = [];
    private readonly ActorAddress _client = ActorAddress.CreateNew();
    private ActorCell _cell = null!;

    private sealed class Worker : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [SetUp]
    public void StartManager()
    {
        _harness.Runtime
                .Setup(r => r.CreateActor(It.IsAny<ActorCell>(), It.IsAny<ActorSpec>(), It.IsAny<object?>(),
                                          It.IsAny<string?>(), It.IsAny<string?>()))
                .Returns((ActorCell creator, ActorSpec _, object? _, string? _, string? _) =>
                {
                    // As a base does: a new address (Actor.CreateActor records it as the creator's child).
                    var worker = ActorAddress.CreateNew();
                    _workers.Add(worker);
                    return worker;
                });
        _cell = _harness.Start<TroupeManager>();
        ((TroupeManager)_cell.Actor!).Configure(ActorTypeInfo.Get(typeof(Worker)), new TroupeAttribute { MaxCount = 2, IdleCount = 1 });
    }

    private void VerifyWorkSent(ActorAddress worker, object message, Func<Times> times) =>
        _harness.Runtime.Verify(r => r.Send(_cell, worker, It.Is<TroupeWork>(w => Equals(w.Message, message) && w.Sender == _client)),
                                times);

    private void ReportIdle(ActorAddress worker) => _cell.Deliver(TroupeWorkerIdle.Instance, worker);

    [Test]
    public void Deliver_FirstMessage_CreatesAWorkerOfTheTroupeTypeAndHandsItTheWork()
    {
        _cell.Deliver("job", _client);

        _harness.Runtime.Verify(r => r.CreateActor(_cell, It.Is<ActorSpec>(s => s.Type == typeof(Worker)), null, null, null),
                                Times.Once);
        VerifyWorkSent(_workers.Single(), "job", Times.Once);
    }

    [Test]
    public void Deliver_MoreMessagesThanMaxCount_CreatesOnlyMaxCountWorkers()
    {
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);
        _cell.Deliver("three", _client);

        Assert.That(_workers, Has.Count.EqualTo(2));
        VerifyWorkSent(_workers[0], "one", Times.Once);
        VerifyWorkSent(_workers[1], "two", Times.Once);
        _harness.Runtime.Verify(r => r.Send(_cell, It.IsAny<ActorAddress>(), It.Is<TroupeWork>(w => Equals(w.Message, "three"))),
                                Times.Never);
    }

    [Test]
    public void Deliver_WorkerReportsIdleWhileWorkIsQueued_TheQueuedWorkGoesToThatWorker()
    {
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);
        _cell.Deliver("three", _client);

        ReportIdle(_workers[1]);

        VerifyWorkSent(_workers[1], "three", Times.Once);
    }

    [Test]
    public void Deliver_IdleWorkerAvailable_ReusesItInsteadOfCreatingAnother()
    {
        _cell.Deliver("one", _client);
        ReportIdle(_workers[0]);

        _cell.Deliver("two", _client);

        Assert.That(_workers, Has.Count.EqualTo(1));
        VerifyWorkSent(_workers[0], "two", Times.Once);
    }

    [Test]
    public void Deliver_IdleReportFromAStranger_IsIgnored()
    {
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);
        _cell.Deliver("three", _client);

        ReportIdle(ActorAddress.CreateNew());

        _harness.Runtime.Verify(r => r.Send(_cell, It.IsAny<ActorAddress>(), It.Is<TroupeWork>(w => Equals(w.Message, "three"))),
                                Times.Never);
    }

    [Test]
    public void Deliver_MoreIdleWorkersThanIdleCount_TheExtraOnesStayForTheGraceAndAWakeupComesForThem()
    {
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);

        ReportIdle(_workers[0]);
        ReportIdle(_workers[1]);

        _harness.Runtime.Verify(r => r.Send(_cell, It.IsAny<ActorAddress>(), It.IsAny<ActorExitRequest>()), Times.Never);
        _harness.Runtime.Verify(r => r.WakeupAfter(_cell, It.Is<TimeSpan>(t => t > TimeSpan.Zero), It.IsAny<object?>()), Times.Once);
    }

    [Test]
    public void Deliver_MoreIdleWorkersThanIdleCountWithNoGrace_TheExtraOnesAreAskedToExitAtOnce()
    {
        _cell.Deliver(new UpdateTroupeSettings { IdleGraceSeconds = 0 }, _client);
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);

        ReportIdle(_workers[0]);
        ReportIdle(_workers[1]);

        _harness.Runtime.Verify(r => r.Send(_cell, It.IsAny<ActorAddress>(), It.IsAny<ActorExitRequest>()), Times.Once);
    }

    [Test]
    public void Deliver_UpdateTroupeSettings_RepliesWithTheLimitsNowInEffect()
    {
        UpdateTroupeSettings? reply = null;
        _harness.Runtime.Setup(r => r.Send(_cell, _client, It.IsAny<UpdateTroupeSettings>()))
                .Callback<ActorCell, ActorAddress, object>((_, _, m) => reply = (UpdateTroupeSettings)m);

        _cell.Deliver(new UpdateTroupeSettings { MaxCount = 5 }, _client);

        Assert.That(reply, Is.Not.Null);
        Assert.That(reply!.MaxCount, Is.EqualTo(5));
        Assert.That(reply.IdleCount, Is.EqualTo(1), "a null field keeps the current limit");
    }

    [Test]
    public void Deliver_UpdateTroupeSettingsRaisingMaxCount_QueuedWorkGetsNewWorkers()
    {
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);
        _cell.Deliver("three", _client);

        _cell.Deliver(new UpdateTroupeSettings { MaxCount = 3 }, _client);

        Assert.That(_workers, Has.Count.EqualTo(3));
        VerifyWorkSent(_workers[2], "three", Times.Once);
    }

    [Test]
    public void Deliver_UpdateTroupeSettingsWithInvalidLimits_IsRefusedAsPoison()
    {
        _cell.Deliver(new UpdateTroupeSettings { MaxCount = 0 }, _client);

        _harness.Runtime.Verify(r => r.SendSystem(_cell.Address, _client,
                                                  It.Is<PoisonMessage>(p => p.Details!.Contains("MaxCount", StringComparison.Ordinal))),
                                Times.Once);
    }

    [Test]
    public void Deliver_ChildActorExitedForABusyWorker_ItsWorkGoesToANewWorkerBeforeQueuedWork()
    {
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);
        _cell.Deliver("three", _client);

        _cell.Deliver(new ChildActorExited(_workers[0]), _workers[0]);

        Assert.That(_workers, Has.Count.EqualTo(3));
        VerifyWorkSent(_workers[2], "one", Times.Once);
        VerifyWorkSent(_workers[2], "three", Times.Never);
    }

    [Test]
    public void Deliver_WorkReturnedAfterTheWorkersExit_IsNotHandedOutTwice()
    {
        _cell.Deliver("one", _client);
        var work = new TroupeWork("one", _client, ident: 1);

        _cell.Deliver(new ChildActorExited(_workers[0]), _workers[0]);
        _cell.Deliver(new TroupeWorkReturned(work, _workers[0]), _workers[0]);

        Assert.That(_workers, Has.Count.EqualTo(2));
        VerifyWorkSent(_workers[1], "one", Times.Once);
    }

    [Test]
    public void Deliver_WorkReturnedUndelivered_GoesToAnotherWorker()
    {
        _cell.Deliver("one", _client);

        _cell.Deliver(new TroupeWorkReturned(new TroupeWork("one", _client, ident: 1), _workers[0]), _workers[0]);

        VerifyWorkSent(_workers[1], "one", Times.Once);
    }

    [Test]
    public void Deliver_WorkLostByFourWorkers_IsADeadLetterOfTheOriginalMessage()
    {
        _cell.Deliver("fatal", _client);

        for (var i = 0; i < 4; i++)
        {
            _cell.Deliver(new ChildActorExited(_workers[i]), _workers[i]);
        }

        Assert.That(_workers, Has.Count.EqualTo(4));
        _harness.Runtime.Verify(r => r.DeadLetter(_cell.Address, "fatal", _client), Times.Once);
    }

    [Test]
    public void Deliver_ExitRequestWithQueuedWork_TheQueuedWorkIsDeadLetteredWithItsOriginalSender()
    {
        _cell.Deliver("one", _client);
        _cell.Deliver("two", _client);
        _cell.Deliver("three", _client);

        _cell.Deliver(new ActorExitRequest(), _client);

        _harness.Runtime.Verify(r => r.DeadLetter(_cell.Address, "three", _client), Times.Once);
        foreach (var worker in _workers)
        {
            _harness.Runtime.Verify(r => r.SendSystem(_cell.Address, worker, It.IsAny<ActorExitRequest>()), Times.Once);
        }
    }

    [Test]
    public void GetStatus_TroupeManager_ReportsTheWorkerType()
    {
        Assert.That(_cell.GetStatus().ActorType, Is.EqualTo(typeof(Worker).FullName));
    }
}
