using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// The TCP transport's limits under abuse that capabilities set: the frame deadline ("Frame Deadline Seconds") and the
/// cap on inbound connections ("Max Inbound Connections"); and the fixed bound on connections still in their handshake.
/// </summary>
internal static class TcpLimitSettings
{
    /// <summary>Inbound connections one process keeps open when the capability is absent.</summary>
    public const int DefaultMaxInboundConnections = 4096;

    /// <summary>
    /// Inbound connections that may be in their handshake at once: past this, the one waiting longest (if it has waited
    /// <see cref="HandshakeGrace"/>) is closed to make room, else the new one is.
    /// </summary>
    public const int MaxPendingHandshakes = 128;

    /// <summary>How long a connection in its handshake is safe from being closed to make room for a newer one.</summary>
    public static readonly TimeSpan HandshakeGrace = TimeSpan.FromSeconds(1);

    /// <summary>The shortest frame deadline accepted (a smaller value is taken as this).</summary>
    public static readonly TimeSpan MinimumFrameDeadline = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest frame deadline accepted (a larger value is taken as this).</summary>
    public static readonly TimeSpan MaximumFrameDeadline = TimeSpan.FromHours(1);

    /// <summary>The frame deadline <paramref name="capabilities"/> ask for (the default when absent or not a positive number).</summary>
    public static TimeSpan FrameDeadlineFrom(IReadOnlyDictionary<string, object?>? capabilities) =>
        CapabilityNumbers.Seconds(capabilities, CommonCapabilities.FrameDeadlineSeconds, WireProtocol.DefaultFrameDeadline,
                                  MinimumFrameDeadline, MaximumFrameDeadline);

    /// <summary>The cap on inbound connections <paramref name="capabilities"/> ask for (the default when absent or not a number ≥ 1).</summary>
    public static int MaxInboundConnectionsFrom(IReadOnlyDictionary<string, object?>? capabilities) =>
        CapabilityNumbers.Read(capabilities, CommonCapabilities.MaxInboundConnections) is { } count && count >= 1
            ? (int)Math.Min(Math.Floor(count), int.MaxValue)
            : DefaultMaxInboundConnections;
}
