using System.Net;
using Thespian.Multiproc;
using Thespian.Wire;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;
using Thespian.Sockets;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>How a TCP transport listens and sends.</summary>
internal sealed record TcpTransportOptions
{
    /// <summary>The address to listen on (loopback unless configured).</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The largest frame accepted or sent.</summary>
    public int MaxFrameBytes { get; init; } = WireProtocol.DefaultMaxFrameBytes;

    /// <summary>How long a started frame or a handshake may take.</summary>
    public TimeSpan FrameDeadline { get; init; } = WireProtocol.DefaultFrameDeadline;

    /// <summary>How many inbound connections may be open at once; past it a new one is closed at once.</summary>
    public int MaxInboundConnections { get; init; } = TcpLimitSettings.DefaultMaxInboundConnections;

    /// <summary>
    /// How long connecting may take, over fresh attempts each second (<see cref="BlockingConnect"/>); a peer whose
    /// process is gone refuses at once, so this only bounds how long an unanswering host is waited for.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many envelopes may wait for one endpoint before <c>Send</c> blocks.</summary>
    public int QueueCapacity { get; init; } = 16 * 1024;

    /// <summary>How long a busy connection's receiving thread polls for the next frame before it blocks.</summary>
    public TimeSpan ReceivePoll { get; init; } = TimeSpan.FromMicroseconds(ReceivePollSetting.DefaultMicroseconds);

    /// <summary>The system's shared secret: every connection, in and out, proves it in the handshake. Null: none.</summary>
    public SystemSecret? Secret { get; init; }

    /// <summary>The system's TLS settings: every connection, in and out, runs TLS before the handshake. Null: plain.</summary>
    public TlsCredentials? Tls { get; init; }

    /// <summary>The role this transport announces when it connects.</summary>
    public WireRole Role { get; init; } = WireRole.Peer;
}
