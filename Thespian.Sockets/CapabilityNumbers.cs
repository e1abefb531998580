using System.Globalization;

namespace Thespian.Sockets;

/// <summary>
/// A numeric capability of the socket transports as a finite number, whatever form it came in: an <c>int</c>, a
/// <c>long</c>, a <c>double</c>, a <c>float</c>, a <c>decimal</c>, or numeric text (the command line's and configuration's).
/// </summary>
internal static class CapabilityNumbers
{
    /// <summary>The value of <paramref name="name"/> as a finite number; null when absent or not a number.</summary>
    public static double? Read(IReadOnlyDictionary<string, object?>? capabilities, string name)
    {
        if (capabilities is null || !capabilities.TryGetValue(name, out var value))
        {
            return null;
        }

        double? number = value switch
        {
            int n => n,
            long n => n,
            double n => n,
            float n => n,
            decimal n => (double)n,
            string n when double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return number is { } finite && double.IsFinite(finite) ? finite : null;
    }

    /// <summary>
    /// A duration in seconds: <paramref name="fallback"/> when absent or not a positive number, else the value taken within
    /// <paramref name="minimum"/> and <paramref name="maximum"/>.
    /// </summary>
    public static TimeSpan Seconds(IReadOnlyDictionary<string, object?>? capabilities, string name, TimeSpan fallback,
                                   TimeSpan minimum, TimeSpan maximum) =>
        Read(capabilities, name) is { } seconds && seconds > 0
            ? TimeSpan.FromSeconds(Math.Clamp(seconds, minimum.TotalSeconds, maximum.TotalSeconds))
            : fallback;
}
