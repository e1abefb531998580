using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Thespian.Multiproc;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// The TCP transport: one listener for everything this process receives (each inbound connection opens
/// with the handshake, then carries frames), and one outbound connection per remote endpoint, reused for
/// every message to it. See <c>TcpTransport.Receive.cs</c> and <see cref="OutboundConnection"/>.
/// </summary>
internal sealed partial class TcpTransport : ITransport
{
    private readonly TcpTransportOptions _options;
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<string, OutboundConnection> _outbound = new(StringComparer.Ordinal);
    private static readonly TimeSpan GracefulCloseLimit = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _reading;
    private readonly TaskCompletionSource _closeInbound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Socket, byte> _inbound = new();
    private IEnvelopeSink? _sink;
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;
    private volatile bool _receiving = true;
    private int _maxMessageBytes;
    private long _receivePollTicks;

    /// <summary>Binds the listener (so the endpoint is known at once); <see cref="Start"/> begins accepting.</summary>
    /// <exception cref="SocketException">The port is taken.</exception>
    public TcpTransport(TcpTransportOptions options)
    {
        _options = options;
        _listener = new TcpListener(options.ListenAddress, options.Port);
        _listener.Server.NoDelay = true;
        _listener.Start(backlog: 512);
        _maxMessageBytes = options.MaxFrameBytes;
        FrameDeadline = options.FrameDeadline;
        MaxInboundConnections = options.MaxInboundConnections;
        ReceivePoll = options.ReceivePoll;
        _reading = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var bound = (IPEndPoint)_listener.LocalEndpoint;
        LocalEndpoint = IpEndpoints.Format(bound.Address, bound.Port);
    }

    /// <inheritdoc />
    public string LocalEndpoint { get; }

    /// <inheritdoc />
    public bool ListensBeyondLoopback => !IPAddress.IsLoopback(_options.ListenAddress);

    /// <inheritdoc />
    public int MaxMessageBytes => Volatile.Read(ref _maxMessageBytes);

    /// <inheritdoc />
    public int QueuedEnvelopes => _outbound.Values.Sum(connection => connection.QueuedCount);

    /// <summary>
    /// How long a busy connection's receiving thread polls for the next message before it blocks (the capability
    /// "Receive Poll Microseconds"; zero turns polling off).
    /// </summary>
    public TimeSpan ReceivePoll
    {
        get => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _receivePollTicks));
        set => Volatile.Write(ref _receivePollTicks, value > TimeSpan.Zero ? (long)(value.TotalSeconds * Stopwatch.Frequency) : 0);
    }

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, object?>? capabilities)
    {
        Volatile.Write(ref _maxMessageBytes, WireProtocol.MaxFrameBytesFrom(capabilities));
        ReceivePoll = ReceivePollSetting.From(capabilities);
        ApplyLimits(capabilities);
    }

    /// <inheritdoc />
    public bool IsEndpoint(string text) => IpEndpoints.IsEndpoint(text);

    /// <inheritdoc />
    public void Start(IEnvelopeSink sink)
    {
        _sink = sink;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <inheritdoc />
    public void Send(string endpoint, Envelope envelope)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        WireProtocol.RefuseOversized(envelope.EncodedLength, MaxMessageBytes);

        var batch = t_batch is { IsBatching: true } current ? current : null;
        while (true)
        {
            var connection = _outbound.GetOrAdd(endpoint, static (e, t) => new OutboundConnection(t, e), this);
            if (connection.TryEnqueue(envelope, wakeWriter: batch is null))
            {
                batch?.Queued(connection, writeNow: envelope.Kind == EnvelopeKind.Control);
                return;
            }

            // The connection closed after failing; a fresh one is made for the next attempt.
            _outbound.TryRemove(new KeyValuePair<string, OutboundConnection>(endpoint, connection));
        }
    }

    /// <inheritdoc />
    public async Task FlushAsync(TimeSpan timeout)
    {
        var flushes = _outbound.Values.Select(c => c.WaitDrainedAsync()).ToArray();
        await Task.WhenAny(Task.WhenAll(flushes), Task.Delay(timeout)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void StopReceiving()
    {
        _receiving = false;
        _listener.Stop();
        _reading.Cancel();
        foreach (var socket in _inbound.Keys)
        {
            try
            {
                // Wakes the connection's receiving thread; the socket stays open for the acknowledgements.
                socket.Shutdown(SocketShutdown.Receive);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }
        }
    }

    /// <inheritdoc />
    public async Task CloseReceivingAsync(TimeSpan timeout)
    {
        // Leaving in order: what was handled is acknowledged now, without waiting for what it sent (this process stays
        // to hand that back itself if it cannot be delivered), and before the connections close.
        CurrentBatch.SettleReady(_settlement, all: true);
        await _settlement.WaitIdleAsync(timeout).ConfigureAwait(false);
        _closeInbound.TrySetResult();
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!_inbound.IsEmpty && Environment.TickCount64 < deadline)
        {
            await Task.Delay(2).ConfigureAwait(false);
        }

        foreach (var socket in _inbound.Keys)
        {
            socket.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _closeInbound.TrySetResult();
        _listener.Stop();
        _returnPaths.Dispose();
        foreach (var socket in _inbound.Keys)
        {
            socket.Dispose();
        }

        foreach (var connection in _outbound.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _reading.Dispose();
        _stopping.Dispose();
    }

    internal TcpTransportOptions Options => _options;

    internal IEnvelopeSink Sink => _sink ?? throw new InvalidOperationException("The transport has not been started.");

    /// <summary>
    /// Whether the transport is being disposed (safe to ask from any thread at any time, unlike the token of a disposed
    /// source: a connection attempt or a writer may outlive the disposal).
    /// </summary>
    internal bool IsStopping => Volatile.Read(ref _disposed) != 0;

    /// <summary>An outbound connection failed: forget it so the next send makes a fresh one.</summary>
    internal void Forget(string endpoint, OutboundConnection connection) =>
        _outbound.TryRemove(new KeyValuePair<string, OutboundConnection>(endpoint, connection));
}
