namespace Thespian.Benchmarks.Results;

/// <summary>A target from the issue to show beside a figure; without a target it is shown but not judged.</summary>
internal sealed record Goal(string Text, double? Target, bool HigherIsBetter)
{
    public static Goal AtLeast(double target, string text) => new(text, target, HigherIsBetter: true);

    public static Goal AtMost(double target, string text) => new(text, target, HigherIsBetter: false);

    public static Goal Informational(string text) => new(text, null, HigherIsBetter: true);

    /// <summary>Whether <paramref name="value"/> meets the target, or null when there is none.</summary>
    public bool? IsMetBy(double value) => Target is not { } target ? null : HigherIsBetter ? value >= target : value <= target;
}
