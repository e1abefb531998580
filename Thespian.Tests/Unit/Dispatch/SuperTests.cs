namespace Thespian.Tests.Unit.Dispatch;

/// <summary>
/// A handler that returns <see cref="ActorTypeDispatcher.Super"/> lets the search go on where it stopped:
/// the base class's handler for the same type (called non-virtually, even when the derived handler
/// overrides it), then less specific message types, then <c>ReceiveUnrecognizedMessage</c>.
/// </summary>
public sealed class SuperTests
{
    private class VirtualBase : RecordingDispatcher
    {
        public object? BaseResult { get; set; } = "base handled";

        protected virtual object? ReceiveMsg(Hello message, ActorAddress sender)
        {
            Calls.Add("VirtualBase(Hello)");
            return BaseResult;
        }

        private object? ReceiveMsg(IGreeting message, ActorAddress sender)
        {
            Calls.Add("VirtualBase(IGreeting)");
            return BaseResult;
        }
    }

    private sealed class OverridingDerived : VirtualBase
    {
        public object? DerivedResult { get; set; } = ActorTypeDispatcher.Super;

        protected override object? ReceiveMsg(Hello message, ActorAddress sender)
        {
            Calls.Add("OverridingDerived(Hello)");
            return DerivedResult;
        }
    }

    [Test]
    public void ReceiveMessage_OverrideReturnsSuper_CallsTheBaseClassBodyNotTheOverrideAgain()
    {
        var actor = new CellHarness().StartActor<OverridingDerived>();

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("OverridingDerived(Hello)", "VirtualBase(Hello)")));
    }

    [Test]
    public void ReceiveMessage_OverrideReturnsSomethingElse_BaseClassHandlerIsNotCalled()
    {
        var actor = new CellHarness().StartActor<OverridingDerived>();
        actor.DerivedResult = "done";

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of("OverridingDerived(Hello)")));
    }

    [Test]
    public void ReceiveMessage_BaseHandlerAlsoReturnsSuper_ContinuesToLessSpecificMessageTypes()
    {
        var actor = new CellHarness().StartActor<OverridingDerived>();
        actor.BaseResult = ActorTypeDispatcher.Super;

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of(
            "OverridingDerived(Hello)", "VirtualBase(Hello)", "VirtualBase(IGreeting)", "Unrecognized(Hello)")));
    }

    [Test]
    public void ReceiveMessage_LastHandlerReturnsSuper_ReceiveUnrecognizedMessageIsCalledOnce()
    {
        var actor = new CellHarness().StartActor<OverridingDerived>();
        actor.BaseResult = ActorTypeDispatcher.Super;

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls.Count(c => c.StartsWith("Unrecognized", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public void ReceiveMessage_SameMessageTypeTwice_SecondDeliveryTakesTheSamePath()
    {
        var actor = new CellHarness().StartActor<OverridingDerived>();

        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());
        actor.ReceiveMessage(new Hello(), ActorAddress.CreateNew());

        Assert.That(actor.Calls, Is.EqualTo(Seq.Of(
            "OverridingDerived(Hello)", "VirtualBase(Hello)", "OverridingDerived(Hello)", "VirtualBase(Hello)")));
    }

    [Test]
    public void Super_Field_IsStaticReadonlyAndNotNull()
    {
        var field = typeof(ActorTypeDispatcher).GetField(nameof(ActorTypeDispatcher.Super))!;

        Assert.That(field.IsStatic && field.IsInitOnly, Is.True, "Super must be static readonly");
        Assert.That(field.GetValue(null), Is.SameAs(ActorTypeDispatcher.Super).And.Not.Null);
    }
}
