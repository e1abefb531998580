namespace Thespian.Fuzzing.Engine;

/// <summary>What a campaign against one target found.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Inputs">How many inputs ran.</param>
/// <param name="Elapsed">How long they took.</param>
/// <param name="Crashes">Inputs that threw anything but the documented refusal.</param>
/// <param name="Hangs">Inputs over the per-input time budget.</param>
/// <param name="Instantiations">Inputs that instantiated a type outside the allow-list.</param>
/// <param name="OverAllocations">Inputs that allocated beyond the target's limit.</param>
/// <param name="Refused">Inputs refused with the documented error (the rest were accepted).</param>
/// <param name="Findings">The first findings, with their inputs.</param>
public sealed record FuzzResult(string Target, long Inputs, TimeSpan Elapsed, long Crashes, long Hangs, long Instantiations,
                                long OverAllocations, long Refused, IReadOnlyList<FuzzFinding> Findings)
{
    /// <summary>Inputs per second.</summary>
    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;

    /// <summary>Whether nothing was found.</summary>
    public bool Clean => Crashes == 0 && Hangs == 0 && Instantiations == 0 && OverAllocations == 0;
}
