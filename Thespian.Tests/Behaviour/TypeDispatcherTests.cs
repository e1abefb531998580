namespace Thespian.Tests.Behaviour;

/// <summary>ActorTypeDispatcher running as actors: the guide's §5.15 examples, interfaces, and fallbacks.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class TypeDispatcherTests(string systemBase) : BaseFixture(systemBase)
{
    public record BaseMsg;

    public sealed record ShortMsg(string Report = "") : BaseMsg;

    public sealed record LongMsg : BaseMsg;

    public interface IMyInterface
    {
        string Text { get; }
    }

    public sealed record Tagged(string Text) : IMyInterface;

    public sealed record TaggedWithOwnHandler(string Text) : IMyInterface;

    /// <summary>The guide's Typer (handlers private, to show any accessibility works).</summary>
    private class Typer : ActorTypeDispatcher
    {
        private void ReceiveMsg(string message, ActorAddress sender) => Send(sender, "Got a string");

        private void ReceiveMsg(int message, ActorAddress sender) => Send(sender, "Got an int");

        private void ReceiveMsg(LongMsg message, ActorAddress sender) => Send(sender, "Got a long message");

        private void ReceiveMsg(BaseMsg message, ActorAddress sender) => Send(sender, "Got a message");
    }

    private sealed class Subtyper : Typer
    {
        private void ReceiveMsg(ShortMsg message, ActorAddress sender) => Send(sender, "Got a short message");
    }

    private sealed class Subtyper2 : Typer
    {
        private void ReceiveMsg(ShortMsg message, ActorAddress sender) => Send(sender, "Got a short message");

        protected override void ReceiveUnrecognizedMessage(object message, ActorAddress sender)
        {
            if (message is not ActorSystemMessage)
            {
                Send(sender, $"Did not recognize the message type: {message.GetType().Name}");
            }
        }
    }

    private sealed class SubTyper4 : Typer
    {
        private object? ReceiveMsg(ShortMsg message, ActorAddress sender)
        {
            if (message.Report.Contains("private", StringComparison.Ordinal))
            {
                return Super;
            }

            Send(sender, "Got a public short message");
            return null;
        }
    }

    /// <summary>Routes interface-typed messages, with a class handler that takes precedence for one type.</summary>
    private sealed class InterfaceTyper : ActorTypeDispatcher
    {
        private void ReceiveMsg(IMyInterface message, ActorAddress sender) => Send(sender, $"interface: {message.Text}");

        private void ReceiveMsg(TaggedWithOwnHandler message, ActorAddress sender) => Send(sender, $"class: {message.Text}");

        private void ReceiveMsg(object message, ActorAddress sender)
        {
            if (message is not ActorSystemMessage)
            {
                Send(sender, $"object: {message.GetType().Name}");
            }
        }
    }

    /// <summary>Handles Thespian's own messages through ReceiveMsg too.</summary>
    private sealed class WakeupTyper : ActorTypeDispatcher
    {
        private ActorAddress? _requester;

        private void ReceiveMsg(string message, ActorAddress sender)
        {
            _requester = sender;
            WakeupAfter(TimeSpan.Zero, message);
        }

        private void ReceiveMsg(WakeupMessage message, ActorAddress sender)
        {
            if (_requester is not null)
            {
                Send(_requester, $"woke with {message.Payload}");
            }
        }
    }

    [Test]
    public void Typer_Int_GotAnInt()
    {
        var typer = System.CreateActor<Typer>();

        Assert.That(System.Ask(typer, 1, Patience), Is.EqualTo("Got an int"));
    }

    [Test]
    public void Typer_String_GotAString()
    {
        var typer = System.CreateActor<Typer>();

        Assert.That(System.Ask(typer, "1", Patience), Is.EqualTo("Got a string"));
    }

    [Test]
    public void Typer_LongMsg_GotALongMessage()
    {
        var typer = System.CreateActor<Typer>();

        Assert.That(System.Ask(typer, new LongMsg(), Patience), Is.EqualTo("Got a long message"));
    }

    [Test]
    public void Typer_ShortMsg_FallsBackToTheBaseClassHandler()
    {
        var typer = System.CreateActor<Typer>();

        Assert.That(System.Ask(typer, new ShortMsg(), Patience), Is.EqualTo("Got a message"));
    }

    [Test]
    public void Typer_UnknownType_IsIgnored()
    {
        var typer = System.CreateActor<Typer>();

        Assert.That(System.Ask(typer, 1.0, Brief), Is.Null);
    }

    [Test]
    public void Subtyper_ShortMsg_GotAShortMessage()
    {
        var subtyper = System.CreateActor<Subtyper>();

        Assert.That(System.Ask(subtyper, new ShortMsg(), Patience), Is.EqualTo("Got a short message"));
    }

    [Test]
    public void Subtyper_LongMsg_UsesTheInheritedHandler()
    {
        var subtyper = System.CreateActor<Subtyper>();

        Assert.That(System.Ask(subtyper, new LongMsg(), Patience), Is.EqualTo("Got a long message"));
    }

    [Test]
    public void Subtyper2_ShortMsg_GotAShortMessage()
    {
        var subtyper = System.CreateActor<Subtyper2>();

        Assert.That(System.Ask(subtyper, new ShortMsg(), Patience), Is.EqualTo("Got a short message"));
    }

    [Test]
    public void Subtyper2_Int_UsesTheInheritedHandler()
    {
        var subtyper = System.CreateActor<Subtyper2>();

        Assert.That(System.Ask(subtyper, 1, Patience), Is.EqualTo("Got an int"));
    }

    [Test]
    public void Subtyper2_Double_GoesToReceiveUnrecognizedMessage()
    {
        var subtyper = System.CreateActor<Subtyper2>();

        Assert.That(System.Ask(subtyper, 1.0, Patience), Is.EqualTo("Did not recognize the message type: Double"));
    }

    [Test]
    public void SubTyper4_PublicShortMsg_HandledByTheSubclass()
    {
        var subtyper = System.CreateActor<SubTyper4>();

        Assert.That(System.Ask(subtyper, new ShortMsg("This is public"), Patience), Is.EqualTo("Got a public short message"));
    }

    [Test]
    public void SubTyper4_PrivateShortMsgReturningSuper_ContinuesToTheBaseMsgHandler()
    {
        var subtyper = System.CreateActor<SubTyper4>();

        Assert.That(System.Ask(subtyper, new ShortMsg("This is private"), Patience), Is.EqualTo("Got a message"));
    }

    [Test]
    public void SubTyper4_PrivateShortMsgReturningSuper_OnlyOneHandlerAnswers()
    {
        var subtyper = System.CreateActor<SubTyper4>();
        _ = System.Ask(subtyper, new ShortMsg("This is private"), Patience);

        AssertNothingArrives();
    }

    [Test]
    public void InterfaceTyper_MessageImplementingTheInterface_RoutedToTheInterfaceHandler()
    {
        var typer = System.CreateActor<InterfaceTyper>();

        Assert.That(System.Ask(typer, new Tagged("hi"), Patience), Is.EqualTo("interface: hi"));
    }

    [Test]
    public void InterfaceTyper_MessageWithItsOwnClassHandler_ClassHandlerWinsOverTheInterface()
    {
        var typer = System.CreateActor<InterfaceTyper>();

        Assert.That(System.Ask(typer, new TaggedWithOwnHandler("hi"), Patience), Is.EqualTo("class: hi"));
    }

    [Test]
    public void InterfaceTyper_OtherMessage_RoutedToTheObjectHandler()
    {
        var typer = System.CreateActor<InterfaceTyper>();

        Assert.That(System.Ask(typer, 5, Patience), Is.EqualTo("object: Int32"));
    }

    [Test]
    public void WakeupTyper_WakeupMessage_RoutedToItsHandler()
    {
        var typer = System.CreateActor<WakeupTyper>();

        System.Tell(typer, "nap");

        Assert.That(System.Listen(Patience), Is.EqualTo("woke with nap"));
    }
}
