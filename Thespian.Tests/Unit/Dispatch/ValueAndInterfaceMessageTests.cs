namespace Thespian.Tests.Unit.Dispatch;

public sealed class ValueAndInterfaceMessageTests
{
    private sealed class Numbers : RecordingDispatcher
    {
        public List<object> Received { get; } = [];

        private void ReceiveMsg(int number, ActorAddress sender)
        {
            Received.Add(number);
            Record(nameof(Numbers), typeof(int));
        }

        private void ReceiveMsg(IGreeting greeting, ActorAddress sender)
        {
            Received.Add(greeting);
            Record(nameof(Numbers), typeof(IGreeting));
        }
    }

    [Test]
    public void ReceiveMessage_BoxedInt_IsUnboxedIntoTheIntHandler()
    {
        var actor = new CellHarness().StartActor<Numbers>();

        actor.ReceiveMessage(42, ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("Numbers(Int32)")));
        Assert.That(actor.Received, Is.EqualTo(Seq.Of<object>(42)));
    }

    [Test]
    public void ReceiveMessage_LongWhenOnlyAnIntHandlerExists_IsNotConverted()
    {
        var actor = new CellHarness().StartActor<Numbers>();

        actor.ReceiveMessage(42L, ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("Unrecognized(Int64)")));
    }

    [Test]
    public void ReceiveMessage_ClassImplementingTheInterface_GoesToTheInterfaceHandler()
    {
        var actor = new CellHarness().StartActor<Numbers>();
        var hello = new Hello();

        actor.ReceiveMessage(hello, ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("Numbers(IGreeting)")));
        Assert.That(actor.Received.Single(), Is.SameAs(hello));
    }

    [Test]
    public void ReceiveMessage_StructImplementingTheInterface_GoesToTheInterfaceHandlerWithItsValue()
    {
        var actor = new CellHarness().StartActor<Numbers>();

        actor.ReceiveMessage(new Signal(7), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("Numbers(IGreeting)")));
        Assert.That(((Signal)actor.Received.Single()).Level, Is.EqualTo(7));
    }

    private class ClassHandlerOnBase : RecordingDispatcher
    {
        private void ReceiveMsg(BaseMessage message, ActorAddress sender) => Record(nameof(ClassHandlerOnBase), typeof(BaseMessage));
    }

    private sealed class InterfaceHandlerOnDerived : ClassHandlerOnBase
    {
        private void ReceiveMsg(IGreeting message, ActorAddress sender) => Record(nameof(InterfaceHandlerOnDerived), typeof(IGreeting));
    }

    [Test]
    public void ReceiveMessage_BaseClassHandlerOnBaseActorAndInterfaceHandlerOnDerivedActor_ClassHandlerWins()
    {
        var actor = new CellHarness().StartActor<InterfaceHandlerOnDerived>();

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("ClassHandlerOnBase(BaseMessage)")));
    }

    private sealed class ValueTypeFallbacks : RecordingDispatcher
    {
        private object? ReceiveMsg(ValueType value, ActorAddress sender) => Record(nameof(ValueTypeFallbacks), typeof(ValueType));

        private object? ReceiveMsg(IComparable value, ActorAddress sender) => Record(nameof(ValueTypeFallbacks), typeof(IComparable));

        private object? ReceiveMsg(object value, ActorAddress sender) => Record(nameof(ValueTypeFallbacks), typeof(object));
    }

    [Test]
    public void ReceiveMessage_IntWithOnlyLessSpecificHandlers_ValueTypeThenInterfaceThenObject()
    {
        var actor = new CellHarness().StartActor<ValueTypeFallbacks>();
        actor.HandlerResult = ActorTypeDispatcher.Super;

        actor.ReceiveMessage(5, ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of(
            "ValueTypeFallbacks(ValueType)", "ValueTypeFallbacks(IComparable)", "ValueTypeFallbacks(Object)", "Unrecognized(Int32)")));
    }
}
