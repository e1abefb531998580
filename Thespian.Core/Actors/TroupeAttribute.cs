namespace Thespian;

/// <summary>
/// Makes an actor type a troupe: one address backed by several worker instances. The system creates
/// workers on demand up to <see cref="MaxCount"/>, hands each message to an idle worker, and keeps
/// <see cref="IdleCount"/> idle workers when there is no work. A worker that sets
/// <c>TroupeWorkInProgress</c> gets no new work until it clears it. Python name: <c>@troupe</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class TroupeAttribute : Attribute
{
    /// <summary>The most workers the troupe runs at once (at least 1).</summary>
    public int MaxCount { get; init; } = 10;

    /// <summary>How many idle workers the troupe keeps when there is no work (0 or more).</summary>
    public int IdleCount { get; init; } = 2;
}
