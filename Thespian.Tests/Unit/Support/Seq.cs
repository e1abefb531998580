namespace Thespian.Tests.Unit;

/// <summary>Expected sequences for <c>Is.EqualTo</c>, written inline without a constant-array allocation per call site.</summary>
internal static class Seq
{
    public static T[] Of<T>(params T[] items) => items;
}
