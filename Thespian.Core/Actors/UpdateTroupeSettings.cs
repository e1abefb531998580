namespace Thespian;

/// <summary>
/// Sent to a troupe's address to change its limits; a null field leaves that limit as it is. The
/// troupe answers with an <see cref="UpdateTroupeSettings"/> holding the limits now in effect.
/// </summary>
#pragma warning disable CA1051 // API.md fixes these as public fields (Python attribute style).
public sealed class UpdateTroupeSettings
{
    /// <summary>The new most workers at once (at least 1), or null to keep the current one.</summary>
    public int? MaxCount;

    /// <summary>The new number of idle workers to keep (0 or more), or null to keep the current one.</summary>
    public int? IdleCount;

    /// <summary>
    /// The new time in seconds a spare idle worker stays before it retires (0 or more), or null to keep the current one.
    /// </summary>
    public double? IdleGraceSeconds;
}
#pragma warning restore CA1051
