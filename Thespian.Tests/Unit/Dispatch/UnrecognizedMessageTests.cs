using Moq;

namespace Thespian.Tests.Unit.Dispatch;

public sealed class UnrecognizedMessageTests
{
    private sealed class NoOverride : ActorTypeDispatcher
    {
        public int HelloCount { get; private set; }

        private void ReceiveMsg(Hello message, ActorAddress sender) => HelloCount++;
    }

    [Test]
    public void ReceiveMessage_NoHandlerAndDefaultReceiveUnrecognizedMessage_IgnoresTheMessage()
    {
        var actor = new CellHarness().StartActor<NoOverride>();

        Assert.DoesNotThrow(() => actor.ReceiveMessage(new Unknown(), ActorAddress.CreateNew()));
        Assert.That(actor.HelloCount, Is.Zero);
    }

    [Test]
    public void ReceiveMessage_NoHandlerThroughTheCell_NoPoisonAndTheActorLivesOn()
    {
        var harness = new CellHarness();
        var cell = harness.Start<NoOverride>();

        cell.Deliver(new Unknown(), ActorAddress.CreateNew());
        cell.Deliver(new Hello(), ActorAddress.CreateNew());

        harness.Runtime.Verify(r => r.SendSystem(It.IsAny<ActorAddress>(), It.IsAny<ActorAddress>(), It.IsAny<PoisonMessage>()),
                               Times.Never);
        Assert.That(((NoOverride)cell.Actor!).HelloCount, Is.EqualTo(1));
    }

    private sealed class Overrides : RecordingDispatcher;

    [Test]
    public void ReceiveMessage_NoHandler_CallsTheOverriddenReceiveUnrecognizedMessageWithTheMessage()
    {
        var actor = new CellHarness().StartActor<Overrides>();

        actor.ReceiveMessage(new Unknown(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("Unrecognized(Unknown)")));
    }

    [Test]
    public void ReceiveMessage_SystemMessageWithoutHandler_GoesToReceiveUnrecognizedMessage()
    {
        var actor = new CellHarness().StartActor<Overrides>();

        actor.ReceiveMessage(new WakeupMessage(TimeSpan.Zero), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("Unrecognized(WakeupMessage)")));
    }

    [Test]
    public void ReceiveMessage_NullMessage_ThrowsArgumentNullException()
    {
        var actor = new CellHarness().StartActor<Overrides>();

        Assert.Throws<ArgumentNullException>(() => actor.ReceiveMessage(null!, ActorAddress.CreateNew()));
    }
}
