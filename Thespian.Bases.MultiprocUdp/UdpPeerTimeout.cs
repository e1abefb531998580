using System.Globalization;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// How long a UDP peer may acknowledge nothing, while something sent to it waits, before it is taken for dead and what
/// waits becomes undeliverable: the capability "UDP Peer Timeout Seconds" (default 5 s). A peer whose process has ended
/// is usually noticed much sooner, from the kernel's "port unreachable" (see <see cref="LivenessProbe"/>).
/// </summary>
internal static class UdpPeerTimeout
{
    /// <summary>The capability that sets the timeout, in seconds.</summary>
    public const string Capability = "UDP Peer Timeout Seconds";

    /// <summary>The timeout when the capability is absent.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(5);

    /// <summary>The shortest timeout accepted (a smaller value is taken as this).</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest timeout accepted (a larger value is taken as this).</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(1);

    /// <summary>The timeout that <paramref name="capabilities"/> ask for (the default when absent or not a positive number).</summary>
    public static TimeSpan From(IReadOnlyDictionary<string, object?>? capabilities)
    {
        if (capabilities is null || !capabilities.TryGetValue(Capability, out var value))
        {
            return Default;
        }

        double? seconds = value switch
        {
            int s => s,
            long s => s,
            double s => s,
            float s => s,
            decimal s => (double)s,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (seconds is not { } positive || !double.IsFinite(positive) || positive <= 0)
        {
            return Default;
        }

        var timeout = TimeSpan.FromSeconds(Math.Min(positive, Maximum.TotalSeconds));
        return timeout < Minimum ? Minimum : timeout;
    }
}
