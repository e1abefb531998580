using System.Net;
using Thespian.Wire;
using Thespian.Wire.Authentication;
using Thespian.Sockets;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>How a UDP transport binds, sends and receives.</summary>
internal sealed record UdpTransportOptions
{
    /// <summary>The address to bind (loopback unless configured).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The port to bind; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The largest envelope sent or accepted ("Max Message Size").</summary>
    public int MaxMessageBytes { get; init; } = WireProtocol.DefaultMaxFrameBytes;

    /// <summary>The system's shared secret: every datagram sent carries a tag made with it, and any without a valid one is dropped. Null: none.</summary>
    public SystemSecret? Secret { get; init; }

    /// <summary>The role this transport announces in its hellos.</summary>
    public WireRole Role { get; init; } = WireRole.Peer;

    /// <summary>How long a peer may acknowledge nothing while something waits for it before it is taken for dead.</summary>
    public TimeSpan PeerTimeout { get; init; } = UdpPeerTimeout.Default;

    /// <summary>How long the receiving thread polls a busy socket before it blocks in the kernel.</summary>
    public TimeSpan ReceivePoll { get; init; } = TimeSpan.FromMicroseconds(ReceivePollSetting.DefaultMicroseconds);

    /// <summary>The socket's send and receive buffers (the kernel may cap them: see net.core.rmem_max and wmem_max).</summary>
    public int SocketBufferBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How many envelopes may wait for one endpoint, not yet sent, before <c>Send</c> blocks.</summary>
    public int QueueCapacity { get; init; } = 16 * 1024;

    /// <summary>How many envelopes from one peer this receiver lets be in flight and not yet done (its flow-control window).</summary>
    public int ReceiveWindowEnvelopes { get; init; } = 8 * 1024;

    /// <summary>The most datagrams one session has in flight, not yet acknowledged.</summary>
    public int MaxInFlightDatagrams { get; init; } = 1024;

    /// <summary>The most bytes one session has in flight, not yet acknowledged.</summary>
    public long MaxInFlightBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The largest datagram sent to a loopback address.</summary>
    public int LoopbackDatagramBytes { get; init; } = 60 * 1024;

    /// <summary>The largest datagram sent to any other address (fits a 1500-byte Ethernet frame, with room for tunnels).</summary>
    public int NetworkDatagramBytes { get; init; } = 1400;

    /// <summary>How many peers may have a session open towards this receiver at once.</summary>
    public int MaxPeers { get; init; } = 4096;

    /// <summary>The most bytes all sessions keep out of order at once.</summary>
    public long ReorderBudgetBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The most bytes all sessions reassemble at once (at least twice the largest envelope).</summary>
    public long ReassemblyBudgetBytes { get; init; } = 256L * 1024 * 1024;
}
