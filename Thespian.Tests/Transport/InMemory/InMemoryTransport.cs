using System.Collections.Concurrent;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Transport.InMemory;

/// <summary>
/// A transport whose peers are other <see cref="InMemoryTransport"/>s of the same <see cref="InMemoryNetwork"/>. It
/// keeps every promise of the seam — order per sender, back-pressure, the size limit, malformed input cutting off only
/// its sender, undeliverables when a receiver goes away — with threads instead of sockets, so what sits above the seam
/// (the node, routing, dead-lettering) can be tested without processes, and the conformance suite has a reference.
/// Writes are never deferred here, so a batch only scopes nothing; acknowledgements are immediate.
/// </summary>
internal sealed class InMemoryTransport : ITransport
{
    private readonly InMemoryNetwork _network;
    private readonly ConcurrentDictionary<string, InMemoryLink> _outbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<InMemoryLink, byte> _inbound = new();
    private IEnvelopeSink? _sink;
    private int _maxMessageBytes = WireProtocol.DefaultMaxFrameBytes;
    private volatile bool _receiving = true;
    private volatile bool _disposed;

    internal InMemoryTransport(InMemoryNetwork network, string endpoint, bool fromAdmin, int window, int queueCapacity)
    {
        _network = network;
        LocalEndpoint = endpoint;
        FromAdmin = fromAdmin;
        Window = window;
        QueueCapacity = queueCapacity;
    }

    /// <inheritdoc />
    public string LocalEndpoint { get; }

    /// <inheritdoc />
    public int MaxMessageBytes => Volatile.Read(ref _maxMessageBytes);

    /// <inheritdoc />
    public bool ListensBeyondLoopback => false;

    /// <summary>Whether what this transport sends comes from a system's admin.</summary>
    public bool FromAdmin { get; }

    /// <summary>How many envelopes from one sender may be handed on and not done before delivery waits.</summary>
    public int Window { get; }

    /// <summary>How many envelopes may wait for one receiver before Send blocks.</summary>
    public int QueueCapacity { get; }

    /// <summary>Whether envelopes are handed to the sink (until <see cref="StopReceiving"/>).</summary>
    public bool IsReceiving => _receiving && _sink is not null && !_disposed;

    /// <inheritdoc />
    public void Configure(IReadOnlyDictionary<string, object?>? capabilities) =>
        Volatile.Write(ref _maxMessageBytes, WireProtocol.MaxFrameBytesFrom(capabilities));

    /// <inheritdoc />
    public bool IsEndpoint(string text) => InMemoryNetwork.IsEndpoint(text);

    /// <inheritdoc />
    public void Start(IEnvelopeSink sink) => _sink = sink;

    /// <inheritdoc />
    public void Send(string endpoint, Envelope envelope)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WireProtocol.RefuseOversized(envelope.EncodedLength, MaxMessageBytes);

        SendFrame(endpoint, InMemoryNetwork.Encode(envelope), envelope);
    }

    /// <summary>Sends bytes as they are, as if they were an envelope's (a malformed peer, for tests of bad input).</summary>
    public void SendRaw(string endpoint, byte[] frame) => SendFrame(endpoint, frame, default);

    /// <inheritdoc />
    public void BeginBatch()
    {
    }

    /// <inheritdoc />
    public void FlushBatch()
    {
    }

    /// <inheritdoc />
    public void EndBatch()
    {
    }

    /// <inheritdoc />
    public Task OpenReturnPathAsync(string peer) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (_outbound.Values.Any(link => !link.IsDrained) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(2).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void StopReceiving() => _receiving = false;

    /// <inheritdoc />
    public Task CloseReceivingAsync(TimeSpan timeout)
    {
        var closed = new InvalidOperationException($"{LocalEndpoint} stopped receiving.");
        foreach (var link in _inbound.Keys)
        {
            link.Break(closed);
        }

        return Task.CompletedTask;
    }

    /// <summary>Goes away abruptly, as a killed process would: every sender gets back what this transport has not done.</summary>
    public void Kill()
    {
        _disposed = true;
        _network.Remove(this);
        var gone = new IOException($"{LocalEndpoint} went away.");
        foreach (var link in _inbound.Keys)
        {
            link.Break(gone);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _receiving = false;
            Kill();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>A link into this transport hands on an envelope.</summary>
    internal void Deliver(Envelope envelope, InMemoryLink link)
    {
        _inbound.TryAdd(link, 0);
        _sink!.OnEnvelope(envelope, link);
    }

    /// <summary>A link into this transport carried bytes that are not an envelope.</summary>
    internal void Violation(string remote, Exception violation) => _sink?.OnProtocolViolation(remote, violation);

    /// <summary>A link from this transport broke: what it held comes back as undeliverable.</summary>
    internal void LinkBroken(InMemoryLink link, List<Envelope> undelivered, Exception reason)
    {
        _outbound.TryRemove(new KeyValuePair<string, InMemoryLink>(link.Receiver.LocalEndpoint, link));
        link.Receiver.Forget(link);
        var accepted = undelivered.Where(e => e.Kind != 0).ToList();
        if (accepted.Count > 0 && !_disposed)
        {
            _sink?.OnUndeliverable(link.Receiver.LocalEndpoint, accepted, reason);
        }
    }

    private void Forget(InMemoryLink link) => _inbound.TryRemove(link, out _);

    private void SendFrame(string endpoint, byte[] frame, Envelope envelope)
    {
        while (true)
        {
            if (_network.Find(endpoint) is not { } receiver)
            {
                if (envelope.Kind != 0)
                {
                    _sink?.OnUndeliverable(endpoint, [envelope], new IOException($"Nothing receives at {endpoint}."));
                }

                return;
            }

            var link = _outbound.GetOrAdd(endpoint, _ => new InMemoryLink(this, receiver));
            if (link.TryEnqueue(frame, envelope))
            {
                return;
            }

            _outbound.TryRemove(new KeyValuePair<string, InMemoryLink>(endpoint, link));
        }
    }
}
