namespace Thespian;

/// <summary>
/// A message that could not be delivered because its target has exited (or never started),
/// handed to every actor registered with <c>HandleDeadLetters</c>.
/// Python name: <c>DeadEnvelope</c>.
/// </summary>
public sealed class DeadEnvelope : ActorSystemMessage
{
    /// <summary>Creates the dead-letter wrapper.</summary>
    /// <param name="deadMessage">The undeliverable message.</param>
    /// <param name="deadAddress">The address it could not be delivered to.</param>
    public DeadEnvelope(object deadMessage, ActorAddress deadAddress)
    {
        ArgumentNullException.ThrowIfNull(deadMessage);
        ArgumentNullException.ThrowIfNull(deadAddress);
        DeadMessage = deadMessage;
        DeadAddress = deadAddress;
    }

    /// <summary>The original, undeliverable message.</summary>
    public object DeadMessage { get; }

    /// <summary>The address to which the message could not be delivered.</summary>
    public ActorAddress DeadAddress { get; }

    /// <inheritdoc />
    public override string ToString() => $"DeadEnvelope({DeadMessage.GetType().Name} to {DeadAddress})";
}
