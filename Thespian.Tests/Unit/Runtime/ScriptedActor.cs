namespace Thespian.Tests.Unit.Runtime;

/// <summary>
/// An actor whose behaviour a test sets after the cell has started it: it records every message it
/// sees, can fail a number of times, and exposes the protected operations the cell tests need.
/// </summary>
internal class ScriptedActor : Actor
{
    public List<(object Message, ActorAddress Sender)> Received { get; } = [];

    /// <summary>How many of the next deliveries throw (after being recorded).</summary>
    public int FailuresLeft { get; set; }

    /// <summary>Runs for each message after it is recorded, before any scripted failure.</summary>
    public Action<ScriptedActor, object, ActorAddress>? OnMessage { get; set; }

    public IEnumerable<object> Messages => Received.Select(r => r.Message);

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        Received.Add((message, sender));
        OnMessage?.Invoke(this, message, sender);
        if (FailuresLeft > 0)
        {
            FailuresLeft--;
            throw new FormatException($"scripted failure on {message}");
        }
    }

    public void SendTo(ActorAddress target, object message) => Send(target, message);

    public bool WorkInProgress
    {
        get => TroupeWorkInProgress;
        set => TroupeWorkInProgress = value;
    }
}
