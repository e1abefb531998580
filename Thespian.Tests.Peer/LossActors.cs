namespace Thespian.Tests.Peer;

// The actors of the loss scenario (LossScenario.cs). They live in this assembly, which sits in the test folder:
// the actor path of the admin the peer starts (and of its hosts), so the hosts load them from there by name.

/// <summary>Tells a <see cref="SequenceSender"/> to send 0..<paramref name="Count"/>-1 to <paramref name="Target"/>, then a <see cref="SequenceEnd"/>.</summary>
/// <param name="Target">The <see cref="SequenceReceiver"/>.</param>
/// <param name="Count">How many numbered messages.</param>
/// <param name="ReportTo">Where the receiver sends its <see cref="SequenceReport"/> once the end arrives.</param>
public sealed record SendSequence(ActorAddress Target, int Count, ActorAddress ReportTo);

/// <summary>The last message of a sequence: the receiver answers it with its <see cref="SequenceReport"/> to <paramref name="ReportTo"/>.</summary>
/// <param name="Sent">How many numbered messages were sent before it.</param>
/// <param name="ReportTo">Where the report goes.</param>
public sealed record SequenceEnd(int Sent, ActorAddress ReportTo);

/// <summary>What a <see cref="SequenceReceiver"/> saw.</summary>
/// <param name="Sent">How many the sender says it sent (-1 when asked before the end arrived).</param>
/// <param name="Received">How many numbered messages arrived.</param>
/// <param name="InOrder">Whether they arrived as 0, 1, 2, ... with nothing missing, repeated or out of order.</param>
/// <param name="FirstAnomaly">The first departure from that order, or "none".</param>
public sealed record SequenceReport(int Sent, int Received, bool InOrder, string FirstAnomaly);

/// <summary>What a <see cref="WatchingParent"/> tells its reporter when a child exits.</summary>
/// <param name="Child">The child that exited.</param>
public sealed record ChildExitNoticed(ActorAddress Child);

/// <summary>What a <see cref="DeadLetterCollector"/> tells its reporter for every dead letter.</summary>
/// <param name="DeadMessage">The message that could not be delivered.</param>
/// <param name="DeadAddress">Where it was going.</param>
public sealed record DeadLetterNoticed(object DeadMessage, ActorAddress DeadAddress);

/// <summary>An actor that answers "pid" with the id of the process it runs in (an <see cref="int"/>).</summary>
public class PidActor : Actor
{
    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is "pid")
        {
            Send(sender, Environment.ProcessId);
        }
        else
        {
            Receive(message, sender);
        }
    }

    /// <summary>What a derived actor does with the other messages (nothing here).</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Its sender.</param>
    protected virtual void Receive(object message, ActorAddress sender)
    {
    }
}

/// <summary>Answers every message (but "pid" and system messages) with the message itself.</summary>
public sealed class EchoActor : PidActor
{
    /// <inheritdoc />
    protected override void Receive(object message, ActorAddress sender)
    {
        if (message is not ActorSystemMessage)
        {
            Send(sender, message);
        }
    }
}

/// <summary>Sends a numbered sequence to another actor, in another process, on <see cref="SendSequence"/>.</summary>
public sealed class SequenceSender : PidActor
{
    /// <inheritdoc />
    protected override void Receive(object message, ActorAddress sender)
    {
        if (message is SendSequence order)
        {
            for (var i = 0; i < order.Count; i++)
            {
                Send(order.Target, i);
            }

            Send(order.Target, new SequenceEnd(order.Count, order.ReportTo));
        }
    }
}

/// <summary>
/// Checks that the integers it receives arrive exactly as 0, 1, 2, ...: counts them, and keeps the first
/// gap, repeat or reordering. Answers <see cref="SequenceEnd"/> (to its ReportTo) and "report" (to the sender)
/// with a <see cref="SequenceReport"/>.
/// </summary>
public sealed class SequenceReceiver : PidActor
{
    private int _next;
    private int _received;
    private string? _firstAnomaly;

    /// <inheritdoc />
    protected override void Receive(object message, ActorAddress sender)
    {
        switch (message)
        {
            case int value:
                Count(value);
                break;
            case SequenceEnd end:
                Send(end.ReportTo, Report(end.Sent));
                break;
            case "report":
                Send(sender, Report(-1));
                break;
        }
    }

    private void Count(int value)
    {
        _received++;
        if (value == _next)
        {
            _next++;
            return;
        }

        _firstAnomaly ??= value < _next
            ? $"message {_received}: got {value} again or late, expected {_next}"
            : $"message {_received}: got {value}, expected {_next} (a gap of {value - _next})";
        _next = Math.Max(_next, value + 1);
    }

    private SequenceReport Report(int sent) => new(sent, _received, _firstAnomaly is null, _firstAnomaly ?? "none");
}

/// <summary>
/// "make-child" creates a <see cref="PidActor"/> child and answers its address; when a child exits it tells
/// whoever asked for the child a <see cref="ChildExitNoticed"/>.
/// </summary>
public sealed class WatchingParent : PidActor
{
    private ActorAddress? _reporter;

    /// <inheritdoc />
    protected override void Receive(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "make-child":
                _reporter = sender;
                Send(sender, CreateActor<PidActor>());
                break;
            case ChildActorExited exited when _reporter is not null:
                Send(_reporter, new ChildExitNoticed(exited.ChildAddress));
                break;
        }
    }
}

/// <summary>
/// A dead-letter handler that keeps what it gets: "register" makes it one (answered "registered"); "dead-letters"
/// answers the descriptions of those so far (a string array); after "report-to-me" (answered "reporting") it also
/// tells that sender a <see cref="DeadLetterNoticed"/> for each new one.
/// </summary>
public sealed class DeadLetterCollector : PidActor
{
    private readonly List<string> _seen = [];
    private ActorAddress? _reporter;

    /// <inheritdoc />
    protected override void Receive(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "register":
                HandleDeadLetters();
                Send(sender, "registered");
                break;
            case "report-to-me":
                _reporter = sender;
                Send(sender, "reporting");
                break;
            case "dead-letters":
                Send(sender, _seen.ToArray());
                break;
            case DeadEnvelope envelope:
                _seen.Add($"{envelope.DeadMessage.GetType().Name} {envelope.DeadMessage} to {envelope.DeadAddress}");
                if (_reporter is not null)
                {
                    Send(_reporter, new DeadLetterNoticed(envelope.DeadMessage, envelope.DeadAddress));
                }

                break;
        }
    }
}
