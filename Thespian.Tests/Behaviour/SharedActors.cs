namespace Thespian.Tests.Behaviour;

/// <summary>Answers every application message by sending it back to its sender.</summary>
public sealed class EchoActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is not ActorSystemMessage)
        {
            Send(sender, message);
        }
    }
}

/// <summary>What a <see cref="DeadLetterWatcher"/> reports for each <see cref="DeadEnvelope"/> it gets.</summary>
public sealed record DeadLetterSeen(ActorAddress Handler, object DeadMessage, ActorAddress DeadAddress);

/// <summary>
/// A dead-letter handler that reports to the test: "register" starts handling dead letters and makes the
/// sender the reporter (answer "registered"); "unregister" stops (answer "unregistered"); every
/// <see cref="DeadEnvelope"/> is reported to the reporter as a <see cref="DeadLetterSeen"/>.
/// </summary>
public sealed class DeadLetterWatcher : Actor
{
    private ActorAddress? _reporter;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "register":
                HandleDeadLetters();
                _reporter = sender;
                Send(sender, "registered");
                break;
            case "unregister":
                HandleDeadLetters(false);
                Send(sender, "unregistered");
                break;
            case DeadEnvelope envelope when _reporter is not null:
                Send(_reporter, new DeadLetterSeen(MyAddress, envelope.DeadMessage, envelope.DeadAddress));
                break;
        }
    }
}
