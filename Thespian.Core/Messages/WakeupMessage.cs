namespace Thespian;

/// <summary>
/// Delivered to an actor when a period it asked for with <c>WakeupAfter</c> has passed; the sender
/// is the actor itself. Python name: <c>WakeupMessage</c>.
/// </summary>
public sealed class WakeupMessage : ActorSystemMessage
{
    /// <summary>Creates the wakeup.</summary>
    /// <param name="delayPeriod">The period that has passed.</param>
    /// <param name="payload">The payload given to <c>WakeupAfter</c>, if any.</param>
    public WakeupMessage(TimeSpan delayPeriod, object? payload = null)
    {
        DelayPeriod = delayPeriod;
        Payload = payload;
    }

    /// <summary>The period that was asked for and has now passed.</summary>
    public TimeSpan DelayPeriod { get; }

    /// <summary>The payload given to <c>WakeupAfter</c>, or null.</summary>
    public object? Payload { get; }
}
