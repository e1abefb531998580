using Thespian.Runtime;

namespace Thespian.Tests.Unit.Dispatch;

/// <summary>Which methods count as <c>ReceiveMsg</c> handlers, and that each kind is actually called.</summary>
public sealed class HandlerDiscoveryTests
{
    private sealed class PrivateHandler : RecordingDispatcher
    {
        private void ReceiveMsg(Hello message, ActorAddress sender) => Record("private", typeof(Hello));
    }

    private class ProtectedHandler : RecordingDispatcher
    {
        protected void ReceiveMsg(Hello message, ActorAddress sender) => Record("protected", typeof(Hello));
    }

    private sealed class InternalHandler : RecordingDispatcher
    {
        internal void ReceiveMsg(Hello message, ActorAddress sender) => Record("internal", typeof(Hello));
    }

    private sealed class PublicHandler : RecordingDispatcher
    {
        public void ReceiveMsg(Hello message, ActorAddress sender) => Record("public", typeof(Hello));
    }

    private class ProtectedInternalHandler : RecordingDispatcher
    {
        protected internal void ReceiveMsg(Hello message, ActorAddress sender) => Record("protected internal", typeof(Hello));
    }

    private class PrivateProtectedHandler : RecordingDispatcher
    {
        private protected void ReceiveMsg(Hello message, ActorAddress sender) => Record("private protected", typeof(Hello));
    }

    [TestCase(typeof(PrivateHandler), "private")]
    [TestCase(typeof(ProtectedHandler), "protected")]
    [TestCase(typeof(InternalHandler), "internal")]
    [TestCase(typeof(PublicHandler), "public")]
    [TestCase(typeof(ProtectedInternalHandler), "protected internal")]
    [TestCase(typeof(PrivateProtectedHandler), "private protected")]
    public void ReceiveMessage_HandlerOfAnyAccessibility_IsFoundAndCalled(Type actorType, string label)
    {
        var actor = StartRecording(actorType);

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of($"{label}(Hello)")));
    }

    private class BaseWithPrivateHandler : RecordingDispatcher
    {
        private void ReceiveMsg(Hello message, ActorAddress sender) => Record(nameof(BaseWithPrivateHandler), typeof(Hello));
    }

    private sealed class DerivedWithoutHandlers : BaseWithPrivateHandler;

    [Test]
    public void ReceiveMessage_PrivateHandlerOnBaseClass_IsFoundAndCalled()
    {
        var actor = new CellHarness().StartActor<DerivedWithoutHandlers>();

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("BaseWithPrivateHandler(Hello)")));
    }

    private sealed class VoidAndObjectHandlers : RecordingDispatcher
    {
        public ActorAddress? LastSender { get; private set; }

        private void ReceiveMsg(Hello message, ActorAddress sender)
        {
            LastSender = sender;
            Record("void", typeof(Hello));
        }

        private object? ReceiveMsg(BaseMessage message, ActorAddress sender)
        {
            LastSender = sender;
            return Record("object", typeof(BaseMessage));
        }
    }

    [Test]
    public void ReceiveMessage_VoidHandler_IsCalledWithTheMessageAndSenderAndEndsTheSearch()
    {
        var actor = new CellHarness().StartActor<VoidAndObjectHandlers>();
        var sender = ActorAddress.CreateNew();

        actor.ReceiveMessage(new Hello(), sender);

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("void(Hello)")));
        Assert.That(actor.LastSender, Is.EqualTo(sender));
    }

    [Test]
    public void ReceiveMessage_ObjectHandlerReturningAValue_EndsTheSearch()
    {
        var actor = new CellHarness().StartActor<VoidAndObjectHandlers>();
        actor.HandlerResult = "a value that is not Super";

        actor.ReceiveMessage(new BaseMessage(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("object(BaseMessage)")));
    }

    [Test]
    public void ReceiveMessage_ObjectHandlerReturningNull_EndsTheSearch()
    {
        var actor = new CellHarness().StartActor<VoidAndObjectHandlers>();
        actor.HandlerResult = null;

        actor.ReceiveMessage(new BaseMessage(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("object(BaseMessage)")));
    }

    [Test]
    public void HandlerMethods_VoidAndObjectReturningHandlers_AreBothFound()
    {
        var table = DispatchTable.For(typeof(VoidAndObjectHandlers));

        Assert.That(table.HandlerMethods(typeof(Hello)).Select(m => m.ReturnType),
                    Is.EqualTo(Seq.Of(typeof(void), typeof(object))));
    }

    // Methods named ReceiveMsg that are not handlers. Each would match on name and first parameter.
#pragma warning disable CA1822, IDE0051, IDE0060
    private sealed class ThreeParameters : RecordingDispatcher
    {
        private void ReceiveMsg(Hello message, ActorAddress sender, int extra) => Calls.Add("three parameters");
    }

    private sealed class OneParameter : RecordingDispatcher
    {
        private void ReceiveMsg(Hello message) => Calls.Add("one parameter");
    }

    private sealed class WrongSenderType : RecordingDispatcher
    {
        private void ReceiveMsg(Hello message, string sender) => Calls.Add("wrong sender type");
    }

    private sealed class StaticHandler : RecordingDispatcher
    {
        private static void ReceiveMsg(Hello message, ActorAddress sender) => throw new AssertionException("a static ReceiveMsg was called");
    }

    private sealed class GenericHandler : RecordingDispatcher
    {
        private void ReceiveMsg<T>(Hello message, ActorAddress sender) => Calls.Add("generic");
    }

    private sealed class OtherName : RecordingDispatcher
    {
        private void Receive(Hello message, ActorAddress sender) => Calls.Add("other name");
    }
#pragma warning restore CA1822, IDE0051, IDE0060

    [TestCase(typeof(ThreeParameters))]
    [TestCase(typeof(OneParameter))]
    [TestCase(typeof(WrongSenderType))]
    [TestCase(typeof(StaticHandler))]
    [TestCase(typeof(GenericHandler))]
    [TestCase(typeof(OtherName))]
    public void HandlerMethods_MethodWithWrongSignature_IsNotAHandler(Type actorType)
    {
        Assert.That(DispatchTable.For(actorType).HandlerMethods(typeof(Hello)), Is.Empty);
    }

    [TestCase(typeof(ThreeParameters))]
    [TestCase(typeof(OneParameter))]
    [TestCase(typeof(WrongSenderType))]
    [TestCase(typeof(StaticHandler))]
    [TestCase(typeof(GenericHandler))]
    [TestCase(typeof(OtherName))]
    public void ReceiveMessage_OnlyWrongSignatureMethods_GoesToReceiveUnrecognizedMessage(Type actorType)
    {
        var actor = StartRecording(actorType);

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("Unrecognized(Hello)")));
    }

    private abstract class AbstractHandlerBase : RecordingDispatcher
    {
        protected abstract void ReceiveMsg(Hello message, ActorAddress sender);
    }

    private sealed class ImplementsAbstractHandler : AbstractHandlerBase
    {
        protected override void ReceiveMsg(Hello message, ActorAddress sender) =>
            Record(nameof(ImplementsAbstractHandler), typeof(Hello));
    }

    [Test]
    public void HandlerMethods_AbstractHandlerOnBase_OnlyTheImplementationIsListed()
    {
        var methods = DispatchTable.For(typeof(ImplementsAbstractHandler)).HandlerMethods(typeof(Hello));

        Assert.That(HandlerNames.Of(methods), Is.EqualTo(Seq.Of("ImplementsAbstractHandler(Hello)")));
    }

    private class GenericBase<TMessage> : RecordingDispatcher
    {
        private void ReceiveMsg(TMessage message, ActorAddress sender) =>
            Record("GenericBase", typeof(TMessage));
    }

    private sealed class ClosedOverHello : GenericBase<Hello>;

    [Test]
    public void ReceiveMessage_HandlerOnGenericBaseClass_IsFoundForItsTypeArgument()
    {
        var actor = new CellHarness().StartActor<ClosedOverHello>();

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("GenericBase(Hello)")));
    }

    private static RecordingDispatcher StartRecording(Type actorType) =>
        (RecordingDispatcher)new CellHarness().Start(actorType).Actor!;
}
