namespace Thespian.Admin.Admin.Convention;

/// <summary>Comparisons of capability sets as they travel between the systems of a convention.</summary>
internal static class CapabilityValues
{
    /// <summary>Whether two capability sets hold the same names with equal values (numbers of different widths compare by value).</summary>
    public static bool SameCapabilities(IReadOnlyDictionary<string, object?> left, IReadOnlyDictionary<string, object?> right) =>
        left.Count == right.Count &&
        left.All(pair => right.TryGetValue(pair.Key, out var other) && Truthiness.ValuesEqual(pair.Value, other));
}
