using Thespian.Runtime;

namespace Thespian.Tests.Unit.Dispatch;

/// <summary>
/// API.md: "for each message type (most specific first), the actor class chain from most derived,
/// first ReceiveMsg declared for exactly that T". The message-type loop is the outer one.
/// </summary>
public sealed class HandlerOrderTests
{
    private class A : RecordingDispatcher
    {
        private object? ReceiveMsg(Hello message, ActorAddress sender) => Record(nameof(A), typeof(Hello));

        private object? ReceiveMsg(IMessage message, ActorAddress sender) => Record(nameof(A), typeof(IMessage));

        private object? ReceiveMsg(object message, ActorAddress sender) => Record(nameof(A), typeof(object));
    }

    private class B : A
    {
        private object? ReceiveMsg(BaseMessage message, ActorAddress sender) => Record(nameof(B), typeof(BaseMessage));

        private object? ReceiveMsg(IMessage message, ActorAddress sender) => Record(nameof(B), typeof(IMessage));

        private object? ReceiveMsg(IGreeting message, ActorAddress sender) => Record(nameof(B), typeof(IGreeting));
    }

    private sealed class C : B
    {
        private object? ReceiveMsg(Hello message, ActorAddress sender) => Record(nameof(C), typeof(Hello));
    }

    private static readonly string[] ExpectedForHello =
    [
        "C(Hello)", "A(Hello)",        // the message's own class: C, then A (B has none)
        "B(BaseMessage)",              // its base class
        "B(IGreeting)",                // the more derived interface
        "B(IMessage)", "A(IMessage)",  // its base interface: B, then A
        "A(Object)",                   // object last
    ];

    [Test]
    public void HandlerMethods_HandlersAcrossBothChains_MessageTypeMajorThenActorClassMostDerivedFirst()
    {
        var methods = DispatchTable.For(typeof(C)).HandlerMethods(typeof(Hello));

        Assert.That(HandlerNames.Of(methods), Is.EqualTo(ExpectedForHello));
    }

    [Test]
    public void ReceiveMessage_EveryHandlerReturnsSuper_CallsThemInLookupOrderThenUnrecognized()
    {
        var actor = new CellHarness().StartActor<C>();
        actor.HandlerResult = ActorTypeDispatcher.Super;

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(ExpectedForHello.Append("Unrecognized(Hello)")));
    }

    [Test]
    public void ReceiveMessage_MoreSpecificMessageTypeOnBaseActor_BeatsLessSpecificTypeOnDerivedActor()
    {
        // A declares ReceiveMsg(Hello); B (more derived) only has less specific ones.
        var actor = new CellHarness().StartActor<B>();

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("A(Hello)")));
    }

    [Test]
    public void HandlerMethods_SubclassOfMessageWithoutItsOwnHandler_StartsAtTheNearestBaseClassHandlers()
    {
        var methods = DispatchTable.For(typeof(C)).HandlerMethods(typeof(LoudHello));

        Assert.That(HandlerNames.Of(methods), Is.EqualTo(ExpectedForHello));
    }

    [Test]
    public void HandlerMethods_NoHandlerForTheTypeOrItsChain_IsEmpty()
    {
        var methods = DispatchTable.For(typeof(OnlyHello)).HandlerMethods(typeof(Unknown));

        Assert.That(methods, Is.Empty);
    }

    private sealed class OnlyHello : RecordingDispatcher
    {
        private void ReceiveMsg(Hello message, ActorAddress sender) => Record(nameof(OnlyHello), typeof(Hello));
    }
}
