namespace Thespian;

/// <summary>
/// Makes an actor type a troupe: one address backed by several worker instances. The system creates
/// workers on demand up to <see cref="MaxCount"/>, hands each message to an idle worker, and keeps
/// <see cref="IdleCount"/> idle workers when there is no work; a spare idle worker retires once it has been idle for
/// <see cref="IdleGraceSeconds"/>. Work held by a worker that dies (its process killed, or the actor stopped) is handed
/// to another worker. A worker that sets
/// <c>TroupeWorkInProgress</c> gets no new work until it clears it. Python name: <c>@troupe</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class TroupeAttribute : Attribute
{
    /// <summary>The most workers the troupe runs at once (at least 1).</summary>
    public int MaxCount { get; init; } = 10;

    /// <summary>How many idle workers the troupe keeps when there is no work (0 or more).</summary>
    public int IdleCount { get; init; } = 2;

    /// <summary>
    /// How long a spare idle worker (one beyond <see cref="IdleCount"/>) stays before it retires, in seconds (0 or more;
    /// 0 retires it at once). Work arriving meanwhile reuses it instead of paying for a new worker. Python: 2 s.
    /// </summary>
    public double IdleGraceSeconds { get; init; } = DefaultIdleGraceSeconds;

    /// <summary>The default <see cref="IdleGraceSeconds"/>: 2 s, Python's <c>DISMISS_EXTRA_PERIOD</c>.</summary>
    public const double DefaultIdleGraceSeconds = 2.0;
}
