namespace Thespian;

/// <summary>
/// Returned to the sender of a message whose handling failed twice in a row: the target actor threw
/// on the delivery and again on the retry. The target lives on and handles later messages.
/// Python name: <c>PoisonMessage</c> (<c>.poisonMessage</c>, <c>.details</c>).
/// </summary>
public sealed class PoisonMessage : ActorSystemMessage
{
    /// <summary>Creates the poison return.</summary>
    /// <param name="message">The message that could not be handled.</param>
    /// <param name="details">Why: the exception type and message of the failure.</param>
    public PoisonMessage(object message, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
        Details = details;
    }

    /// <summary>The original message (as the target left it: changes it made before failing are kept).</summary>
    public object Message { get; }

    /// <summary>The failure: the exception's type and message.</summary>
    public string? Details { get; }

    /// <inheritdoc />
    public override string ToString() => $"PoisonMessage({Message.GetType().Name}: {Details})";
}
