using Moq;
using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

/// <summary>Delivery, the one retry, and the <see cref="PoisonMessage"/> returned after the second failure.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ActorCellDeliveryTests
{
    private readonly CellHarness _harness = new();
    private readonly ActorAddress _sender = ActorAddress.CreateNew();

    private (ActorCell Cell, ScriptedActor Actor) Start()
    {
        var cell = _harness.Start<ScriptedActor>();
        return (cell, (ScriptedActor)cell.Actor!);
    }

    [Test]
    public void Deliver_PlainMessage_ActorReceivesItWithItsSender()
    {
        var (cell, actor) = Start();

        cell.Deliver("hello", _sender);

        Assert.That(actor.Received, Is.EqualTo(Seq.Of<(object, ActorAddress)>(("hello", _sender))));
        Assert.That(cell.MessagesReceived, Is.EqualTo(1));
    }

    [Test]
    public void Deliver_ActorThrowsOnce_IsRetriedOnceAndNoPoisonIsSent()
    {
        var (cell, actor) = Start();
        actor.FailuresLeft = 1;

        cell.Deliver("hello", _sender);

        Assert.That(actor.Messages, Is.EqualTo(Seq.Of<object>("hello", "hello")));
        _harness.Runtime.Verify(r => r.SendSystem(It.IsAny<ActorAddress>(), It.IsAny<ActorAddress>(), It.IsAny<object>()),
                                Times.Never);
    }

    [Test]
    public void Deliver_ActorThrowsTwice_TriesExactlyTwice()
    {
        var (cell, actor) = Start();
        actor.FailuresLeft = 5;

        cell.Deliver("hello", _sender);

        Assert.That(actor.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public void Deliver_ActorThrowsTwice_SendsPoisonMessageToTheSenderFromTheActor()
    {
        var (cell, actor) = Start();
        actor.FailuresLeft = 2;
        var message = new object();

        cell.Deliver(message, _sender);

        _harness.Runtime.Verify(r => r.SendSystem(cell.Address, _sender,
                                                  It.Is<PoisonMessage>(p => ReferenceEquals(p.Message, message))),
                                Times.Once);
    }

    [Test]
    public void Deliver_ActorThrowsTwice_PoisonDetailsNameTheExceptionTypeAndMessage()
    {
        var (cell, actor) = Start();
        actor.FailuresLeft = 2;
        PoisonMessage? poison = null;
        _harness.Runtime.Setup(r => r.SendSystem(cell.Address, _sender, It.IsAny<PoisonMessage>()))
                .Callback<ActorAddress, ActorAddress, object>((_, _, m) => poison = (PoisonMessage)m);

        cell.Deliver("bad input", _sender);

        Assert.That(poison, Is.Not.Null);
        Assert.That(poison!.Details, Does.Contain("System.FormatException").And.Contain("scripted failure on bad input"));
    }

    [Test]
    public void Deliver_ActorThrowsTwice_ActorLivesOnAndTakesTheNextMessage()
    {
        var (cell, actor) = Start();
        actor.FailuresLeft = 2;
        cell.Deliver("bad", _sender);

        cell.Deliver("good", _sender);

        Assert.That(cell.IsRunning, Is.True);
        Assert.That(actor.Messages.Last(), Is.EqualTo("good"));
    }

    [Test]
    public void Deliver_PoisonMessageThatFailsTwice_SendsNoPoisonBack()
    {
        var (cell, actor) = Start();
        actor.FailuresLeft = 2;

        cell.Deliver(new PoisonMessage("original", "details"), _sender);

        Assert.That(actor.Received, Has.Count.EqualTo(2));
        _harness.Runtime.Verify(r => r.SendSystem(It.IsAny<ActorAddress>(), It.IsAny<ActorAddress>(), It.IsAny<object>()),
                                Times.Never);
    }

    [Test]
    public void Send_FromTheActor_GoesToTheRuntimeAndIsCounted()
    {
        var (cell, actor) = Start();
        var target = ActorAddress.CreateNew();
        actor.OnMessage = (a, _, _) => a.SendTo(target, "reply");

        cell.Deliver("hello", _sender);

        _harness.Runtime.Verify(r => r.Send(cell, target, "reply"), Times.Once);
        Assert.That(cell.MessagesSent, Is.EqualTo(1));
    }

    [Test]
    public void Deliver_EachMessage_CountsOnceEvenWhenRetried()
    {
        var (cell, actor) = Start();
        actor.FailuresLeft = 1;

        cell.Deliver("one", _sender);
        cell.Deliver("two", _sender);

        Assert.That(cell.MessagesReceived, Is.EqualTo(2));
    }
}
