namespace Thespian;

/// <summary>
/// Makes an actor exit by itself <see cref="ExitDelay"/> after it receives its first message: it is sent an
/// <see cref="ActorExitRequest"/> (which it sees, as any exit request), and its parent gets <see cref="ChildActorExited"/>.
/// An actor that never receives a message does not exit. Python name: <c>@transient(exit_delay)</c> (thespian.transient).
/// </summary>
/// <example><code>
/// [Transient(0.5)]                       // exits half a second after its first message
/// sealed class TempActor : Actor { ... }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class TransientAttribute : Attribute
{
    /// <summary>Exits 10 seconds after the first message (Python's default).</summary>
    public TransientAttribute()
        : this(TransientDelays.DefaultSeconds)
    {
    }

    /// <summary>Exits <paramref name="exitDelaySeconds"/> seconds after the first message.</summary>
    /// <param name="exitDelaySeconds">Seconds (fractions allowed) from the first message to the exit; zero or more.</param>
    public TransientAttribute(double exitDelaySeconds)
    {
        ExitDelaySeconds = exitDelaySeconds;
    }

    /// <summary>The delay in seconds, as given.</summary>
    public double ExitDelaySeconds { get; }

    /// <summary>How long after its first message the actor exits.</summary>
    public TimeSpan ExitDelay => TransientDelays.ToTimeSpan(ExitDelaySeconds);
}
