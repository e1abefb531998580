using Thespian.Sockets;

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
    public static TimeSpan From(IReadOnlyDictionary<string, object?>? capabilities) =>
        CapabilityNumbers.Seconds(capabilities, Capability, Default, Minimum, Maximum);
}
