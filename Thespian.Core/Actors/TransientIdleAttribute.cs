namespace Thespian;

/// <summary>
/// Makes an actor exit by itself once it has received no message for <see cref="ExitDelay"/>, counted from its first
/// message (system messages such as wakeups do not count as activity): it is sent an <see cref="ActorExitRequest"/>, and
/// its parent gets <see cref="ChildActorExited"/>. An actor that never receives a message does not exit. Python name:
/// <c>@transient_idle(exit_delay)</c> (thespian.transient).
/// </summary>
/// <example><code>
/// [TransientIdle(3.25)]                  // exits after 3.25 s without messages
/// sealed class BoredActor : Actor { ... }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class TransientIdleAttribute : Attribute
{
    /// <summary>Exits after 10 seconds without messages (Python's default).</summary>
    public TransientIdleAttribute()
        : this(TransientDelays.DefaultSeconds)
    {
    }

    /// <summary>Exits after <paramref name="exitDelaySeconds"/> seconds without messages.</summary>
    /// <param name="exitDelaySeconds">Seconds (fractions allowed) without messages before the exit; zero or more.</param>
    public TransientIdleAttribute(double exitDelaySeconds)
    {
        ExitDelaySeconds = exitDelaySeconds;
    }

    /// <summary>The delay in seconds, as given.</summary>
    public double ExitDelaySeconds { get; }

    /// <summary>How long without messages the actor waits before it exits.</summary>
    public TimeSpan ExitDelay => TransientDelays.ToTimeSpan(ExitDelaySeconds);
}
