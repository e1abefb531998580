using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Thespian.Multiproc;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// The UDP transport: one socket per process for everything it sends and receives, with a small reliability layer on
/// top — per-peer sessions opened by a hello, numbered datagrams, cumulative and selective acknowledgements,
/// retransmission with an adaptive timeout, duplicate suppression, in-order delivery, a flow-control window that pushes
/// back on <c>Send</c>, small envelopes packed together and large ones fragmented — so that it behaves as the TCP
/// transport does: ordered per sender, nothing lost, any size up to "Max Message Size", dead letters when a peer dies.
/// Threads: one receives (<c>UdpTransport.Receive.cs</c>), one sends what non-batching threads queue and keeps the
/// timers (<c>UdpTransport.Send.cs</c>); a batching thread writes its own datagrams (<c>UdpTransport.Batch.cs</c>).
/// </summary>
internal sealed partial class UdpTransport : ITransport
{
    private readonly Socket _socket;
    private readonly ConcurrentDictionary<string, OutboundSession> _outbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SocketAddress, OutboundSession> _outboundByAddress = new();
    private readonly ConcurrentDictionary<SocketAddress, InboundSession> _inbound = new();
    private readonly MemoryBudget _reorderBudget;
    private readonly MemoryBudget _reassemblyBudget;
    private readonly RateLimitedReports _reports = new(TimeSpan.FromSeconds(10), perInterval: 10);
    private readonly TaskCompletionSource _receiveEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sendEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IEnvelopeSink? _sink;
    private int _disposed;
    private volatile bool _stopping;
    private volatile bool _receiving = true;
    private volatile bool _closedReceiving;
    private bool _started;
    private readonly ReceivePoller _poll;
    private long _receivePollTicks;
    private int _maxMessageBytes;
    private long _peerTimeoutTicks;

    /// <summary>Binds the socket (so the endpoint is known at once); <see cref="Start"/> begins receiving.</summary>
    /// <exception cref="SocketException">The port is taken.</exception>
    public UdpTransport(UdpTransportOptions options)
    {
        Options = options;
        _maxMessageBytes = options.MaxMessageBytes;
        PeerTimeout = options.PeerTimeout;
        _reorderBudget = new MemoryBudget(options.ReorderBudgetBytes);
        _reassemblyBudget = new MemoryBudget(ReassemblyLimit(options.ReassemblyBudgetBytes, options.MaxMessageBytes));
        _socket = new Socket(options.BindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            SocketBuffers.Apply(_socket, options.SocketBufferBytes);
            _socket.Bind(new IPEndPoint(options.BindAddress, options.Port));
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        ReceivePoll = options.ReceivePoll;
        _poll = new ReceivePoller(_socket, () => Volatile.Read(ref _receivePollTicks));
        LocalAddress = (IPEndPoint)_socket.LocalEndPoint!;
        LocalEndpoint = IpEndpoints.Format(LocalAddress.Address, LocalAddress.Port);
    }

    /// <inheritdoc />
    public string LocalEndpoint { get; }

    /// <inheritdoc />
    public int QueuedEnvelopes => _outbound.Values.Sum(session => session.QueuedCount);

    /// <summary>Where the socket is bound.</summary>
    public IPEndPoint LocalAddress { get; }

    /// <inheritdoc />
    public int MaxMessageBytes => Volatile.Read(ref _maxMessageBytes);

    /// <inheritdoc />
    public bool ListensBeyondLoopback => !IPAddress.IsLoopback(Options.BindAddress);

    /// <summary>How long a peer may acknowledge nothing, while something waits for it, before it is taken for dead.</summary>
    public TimeSpan PeerTimeout
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _peerTimeoutTicks));
        set => Volatile.Write(ref _peerTimeoutTicks, value.Ticks);
    }

    /// <summary>The socket's receive buffer as the kernel granted it (bytes it accounts, overhead included).</summary>
    public int ReceiveBufferBytes => _socket.ReceiveBufferSize;

    /// <summary>The socket's send buffer as the kernel granted it.</summary>
    public int SendBufferBytes => _socket.SendBufferSize;

    internal UdpTransportOptions Options { get; }

    /// <summary>The bytes all sessions keep out of order now.</summary>
    internal long ReorderBytesInUse => _reorderBudget.Used;

    /// <summary>The bytes all sessions reserve for reassembly now.</summary>
    internal long ReassemblyBytesInUse => _reassemblyBudget.Used;

    /// <summary>Whether this transport holds a session towards <paramref name="endpoint"/>.</summary>
    internal bool HasSessionTo(string endpoint) => _outbound.ContainsKey(endpoint);

    /// <summary>How many peers have a session open towards this transport.</summary>
    internal int InboundSessionCount => _inbound.Count;

    internal IEnvelopeSink Sink => _sink ?? throw new InvalidOperationException("The transport has not been started.");

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, object?>? capabilities)
    {
        var maxMessageBytes = WireProtocol.MaxFrameBytesFrom(capabilities);
        Volatile.Write(ref _maxMessageBytes, maxMessageBytes);
        _reassemblyBudget.Limit = ReassemblyLimit(Options.ReassemblyBudgetBytes, maxMessageBytes);
        PeerTimeout = UdpPeerTimeout.From(capabilities);
        ReceivePoll = ReceivePollSetting.From(capabilities);
    }

    /// <summary>How long the receiving thread polls a busy socket before it blocks (the capability "Receive Poll Microseconds").</summary>
    public TimeSpan ReceivePoll
    {
        get => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _receivePollTicks));
        set => Volatile.Write(ref _receivePollTicks, value > TimeSpan.Zero ? (long)(value.TotalSeconds * Stopwatch.Frequency) : 0);
    }

    /// <inheritdoc />
    public bool IsEndpoint(string text) => IpEndpoints.IsEndpoint(text);

    /// <inheritdoc />
    public void Start(IEnvelopeSink sink)
    {
        if (_started)
        {
            throw new InvalidOperationException("The transport has been started already.");
        }

        _started = true;
        _sink = sink;
        LoopThreads.Shared.Start("Thespian UDP receive", ReceiveLoop);
        LoopThreads.Shared.Start("Thespian UDP send", SendLoop);
    }

    /// <inheritdoc />
    public async Task FlushAsync(TimeSpan timeout)
    {
        var drains = _outbound.Values.Select(s => s.WaitDrainedAsync()).ToArray();
        await Task.WhenAny(Task.WhenAll(drains), Task.Delay(timeout)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void StopReceiving() => _receiving = false;

    /// <inheritdoc />
    public async Task CloseReceivingAsync(TimeSpan timeout)
    {
        _receiving = false;

        // Leaving in order: what was handled is acknowledged now, without waiting for what it sent (this process stays
        // to hand that back itself if it cannot be delivered).
        CurrentBatch.SettleReady(_settlement, all: true);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && _inbound.Values.Any(s => !s.Dropped && !s.AllDone))
        {
            await Task.Delay(2).ConfigureAwait(false);
        }

        _closedReceiving = true;
        await CloseSessionsAsync(ClosingConfirmationLimit).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _receiving = false;
        if (!_closedReceiving && _started)
        {
            // Like a closing TCP connection: senders learn at once that what was not done will not be.
            _closedReceiving = true;
            await CloseSessionsAsync(DisposingConfirmationLimit).ConfigureAwait(false);
        }

        _stopping = true;
        Span<byte> bye = stackalloc byte[DatagramCodec.HeaderLength];
        foreach (var session in _outbound.Values)
        {
            session.Fail(new ObjectDisposedException(nameof(UdpTransport)), report: false);

            // Its receiver forgets the session now rather than keeping it until it needs the room.
            SendDatagram(bye[..DatagramCodec.WriteBare(bye, DatagramType.Bye, session.Id)], session.Address);
        }

        _wake.Set();
        _socket.Dispose();
        if (_started)
        {
            await Task.WhenAny(Task.WhenAll(_receiveEnded.Task, _sendEnded.Task), Task.Delay(TimeSpan.FromSeconds(5)))
                      .ConfigureAwait(false);
        }

        foreach (var session in _inbound.Values)
        {
            session.Drop();
        }

        _inbound.Clear();
    }

    /// <summary>
    /// Sends the peer a <see cref="DatagramType.Liveness"/> datagram (which it ignores) from this transport's socket: a
    /// stateful firewall in front of this process then lets the peer's datagrams to this socket in.
    /// </summary>
    public Task OpenReturnPathAsync(string peer)
    {
        try
        {
            Span<byte> datagram = stackalloc byte[DatagramCodec.HeaderLength];
            DatagramCodec.WriteBare(datagram, DatagramType.Liveness, 0);
            SendDatagram(datagram, Resolve(peer).Serialize());
            return Task.CompletedTask;
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or FormatException)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>Sends one datagram (tagged when the system has a secret); a failure counts as a loss (retransmission deals with it).</summary>
    internal void SendDatagram(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        if (Options.Secret is null)
        {
            SendPlain(datagram, to);
        }
        else
        {
            SendTagged(datagram, to);
        }
    }

    /// <summary>Sends one datagram as it is; a failure counts as a loss.</summary>
    private void SendPlain(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, to);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Lost: the sender sends it again, or the transport is closing.
        }
    }

    /// <summary>Hands envelopes back as undeliverable (never while the transport is being disposed).</summary>
    internal void ReportUndeliverable(string endpoint, IReadOnlyList<Envelope> envelopes, Exception reason)
    {
        if (!_stopping)
        {
            Sink.OnUndeliverable(endpoint, envelopes, reason);
        }
    }

    /// <summary>An outbound session ended: forget it, so the next send makes a fresh one.</summary>
    internal void Forget(OutboundSession session)
    {
        _outbound.TryRemove(new KeyValuePair<string, OutboundSession>(session.Endpoint, session));
        _outboundByAddress.TryRemove(new KeyValuePair<SocketAddress, OutboundSession>(session.Address, session));
    }

    /// <summary>An address as text, for logs.</summary>
    internal static string Describe(SocketAddress address)
    {
        try
        {
            var family = address.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            return new IPEndPoint(family, 0).Create(address).ToString() ?? "unknown peer";
        }
        catch (Exception ex) when (ex is ArgumentException or SocketException)
        {
            return "unknown peer";
        }
    }

    private static long ReassemblyLimit(long configured, int maxMessageBytes) => Math.Max(configured, 2L * maxMessageBytes);
}
