namespace Thespian.Fuzzing.Engine;

/// <summary>How a campaign runs.</summary>
/// <param name="Seed">The mutator's random seed.</param>
/// <param name="Inputs">How many inputs to run (the campaign also stops at <paramref name="Duration"/>).</param>
/// <param name="HangBudget">The longest one input may take before it counts as a hang.</param>
/// <param name="Duration">The longest the campaign runs, or null for no limit.</param>
/// <param name="KeepFindings">How many findings are kept with their inputs.</param>
public sealed record FuzzOptions(int Seed, long Inputs, TimeSpan HangBudget, TimeSpan? Duration = null, int KeepFindings = 20)
{
    /// <summary>
    /// How long an input may run before the campaign gives up waiting for it (it is then a hang, and the campaign ends:
    /// a thread cannot be stopped).
    /// </summary>
    public TimeSpan AbandonAfter => HangBudget * 10 > TimeSpan.FromSeconds(10) ? HangBudget * 10 : TimeSpan.FromSeconds(10);
}
