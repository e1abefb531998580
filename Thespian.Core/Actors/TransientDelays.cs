namespace Thespian;

/// <summary>What <see cref="TransientAttribute"/> and <see cref="TransientIdleAttribute"/> share.</summary>
internal static class TransientDelays
{
    /// <summary>Python's default exit delay.</summary>
    public const double DefaultSeconds = 10;

    /// <summary>The delay as a <see cref="TimeSpan"/>; <see cref="TimeSpan.Zero"/> for an invalid one (the type check refuses those).</summary>
    public static TimeSpan ToTimeSpan(double seconds) =>
        IsValid(seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;

    /// <summary>Whether a delay in seconds can be used: a finite number, zero or more, that a <see cref="TimeSpan"/> holds.</summary>
    public static bool IsValid(double seconds) => double.IsFinite(seconds) && seconds >= 0 && seconds <= TimeSpan.MaxValue.TotalSeconds / 2;
}
