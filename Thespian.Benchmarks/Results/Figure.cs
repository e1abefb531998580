namespace Thespian.Benchmarks.Results;

/// <summary>One reported number: the median of its samples (one per measured repetition).</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Key">A stable identifier for comparing runs, such as "tell.n10000.rate".</param>
/// <param name="Name">What the number is, for the table.</param>
/// <param name="Value">The reported value (normally the median of <paramref name="Samples"/>).</param>
/// <param name="Unit">Its unit, such as "msg/s" or "µs".</param>
/// <param name="Samples">Every measured value behind it.</param>
internal sealed record Figure(string Scenario, string Key, string Name, double Value, string Unit, IReadOnlyList<double> Samples)
{
    public Goal? Goal { get; init; }

    /// <summary>Python Thespian 4.0.1's figure on simpleSystemBase, for context.</summary>
    public string? Python { get; init; }

    public string? Note { get; init; }

    public bool? MeetsGoal => Goal?.IsMetBy(Value);
}
