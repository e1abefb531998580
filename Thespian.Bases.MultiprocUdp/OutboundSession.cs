using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Thespian.Diagnostics;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>Where an outbound session stands.</summary>
internal enum SessionState
{
    /// <summary>The hello is sent; no answer or acknowledgement yet (data may already follow it).</summary>
    Connecting,

    /// <summary>The receiver answered.</summary>
    Open,

    /// <summary>The session ended; what it held was handed back as undeliverable.</summary>
    Failed,
}

/// <summary>
/// Everything this process sends to one endpoint: an ordered, bounded queue (a full one makes <see cref="TryEnqueue"/>
/// wait: back-pressure), packed into numbered datagrams (<c>OutboundSession.Packing.cs</c>) within the send window and
/// the receiver's flow-control limit, resent until acknowledged (<c>OutboundSession.Acks.cs</c>,
/// <c>OutboundSession.Timers.cs</c>). Envelopes sent are kept until the receiver says they are done; when the receiver
/// is unreachable, silent past the peer timeout, closes or resets, everything not done is handed back as undeliverable,
/// in order, exactly once — and the session is forgotten, so the next <c>Send</c> starts a fresh one. One lock guards
/// it; the socket is written under it, so the session's datagrams leave in order.
/// </summary>
internal sealed partial class OutboundSession : IDisposable, IBatchedQueue
{
    private readonly UdpTransport _transport;
    private readonly object _gate = new();
    private readonly Queue<Envelope> _queue = new();
    private readonly Queue<Envelope> _undone = new();
    private readonly SendWindow _window;
    private readonly RttEstimator _rtt = new();
    private readonly TaskCompletionSource _failedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _drained = Completed();
    private volatile SessionState _state = SessionState.Connecting;
    private int _waitingProducers;
    private int _scheduled;
    private int _pending;
    private long _accepted;
    private long _settled;
    private ulong _nextOrdinal;
    private ulong _peerDone;
    private ulong _peerLimit = InitialLimit;
    private LivenessProbe? _probe;

    /// <summary>How many envelopes may be sent before the receiver's answer tells its window.</summary>
    private const ulong InitialLimit = 64;

    public OutboundSession(UdpTransport transport, string endpoint, IPEndPoint remote)
    {
        _transport = transport;
        Endpoint = endpoint;
        Remote = remote;
        Address = remote.Serialize();
        Id = NewSessionId();
        var options = transport.Options;
        DatagramBytes = Math.Min(IPAddress.IsLoopback(remote.Address) ? options.LoopbackDatagramBytes : options.NetworkDatagramBytes,
                                 DatagramCodec.MaxDatagramBytes) - transport.TagOverhead;
        _window = new SendWindow(options.MaxInFlightDatagrams, options.MaxInFlightBytes);
        _lastHeard = Now;
    }

    /// <summary>The endpoint's text, as <c>Send</c> was given it.</summary>
    public string Endpoint { get; }

    /// <summary>The endpoint's address.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>The endpoint's address, as the socket takes it.</summary>
    public SocketAddress Address { get; }

    /// <summary>This session's random id (a receiver tells a new session from an old one by it).</summary>
    public ulong Id { get; }

    /// <summary>The largest datagram sent to this endpoint.</summary>
    public int DatagramBytes { get; }

    /// <inheritdoc />
    public long AcceptedCount => Volatile.Read(ref _accepted);

    /// <inheritdoc />
    public long SettledCount => Volatile.Read(ref _settled);

    /// <summary>How many envelopes are queued and not yet sent.</summary>
    public int QueuedCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Whether the session has ended.</summary>
    public bool IsFailed => _state == SessionState.Failed;

    /// <summary>
    /// Queues an envelope. While the queue is full this waits (unless <paramref name="mayBlock"/> is false: the
    /// transport's own threads never wait, or acknowledgements could not be read); false when the session has ended.
    /// </summary>
    public bool TryEnqueue(Envelope envelope, bool mayBlock)
    {
        lock (_gate)
        {
            if (_state == SessionState.Failed)
            {
                return false;
            }

            if (!mayBlock || _queue.Count < _transport.Options.QueueCapacity)
            {
                _queue.Enqueue(envelope);
                AddPendingLocked();
                return true;
            }
        }

        // Full: before waiting, this thread writes what its batch holds and acknowledges what it did (outside the lock,
        // which that takes for other sessions), so that nothing waits on this thread while it waits.
        UdpTransport.BeforeWaiting();
        ThespianMetrics.BackPressureWait(SystemBaseNames.MultiprocUdp);
        lock (_gate)
        {
            while (_state != SessionState.Failed && _queue.Count >= _transport.Options.QueueCapacity)
            {
                _transport.Schedule(this);
                _waitingProducers++;
                Monitor.Wait(_gate);
                _waitingProducers--;
            }

            if (_state == SessionState.Failed)
            {
                return false;
            }

            _queue.Enqueue(envelope);
            AddPendingLocked();
            return true;
        }
    }

    /// <summary>Marks the session as waiting for the send thread; false when it is waiting already.</summary>
    public bool TryMarkScheduled() => Interlocked.Exchange(ref _scheduled, 1) == 0;

    /// <summary>The send thread took the session up.</summary>
    public void ClearScheduled() => Volatile.Write(ref _scheduled, 0);

    /// <summary>Completes when everything accepted so far has been done by the receiver or handed back.</summary>
    public Task WaitDrainedAsync()
    {
        lock (_gate)
        {
            return _drained.Task;
        }
    }

    /// <summary>Completes when the session has ended.</summary>
    public Task Failed => _failedSignal.Task;

    /// <summary>
    /// Ends the session: everything not done by the receiver (sent or queued) goes back to the sink as undeliverable, in
    /// order, once — unless <paramref name="report"/> is false (the transport is being disposed).
    /// </summary>
    public void Fail(Exception reason, bool report = true)
    {
        List<Envelope> undelivered;
        lock (_gate)
        {
            if (_state == SessionState.Failed)
            {
                return;
            }

            _state = SessionState.Failed;
            undelivered = new List<Envelope>(_undone.Count + _queue.Count);
            undelivered.AddRange(_undone);
            undelivered.AddRange(_queue);
            _undone.Clear();
            _queue.Clear();
            ClearFragmentingLocked();
            _window.Clear();
            _pending = 0;
            Volatile.Write(ref _settled, _settled + undelivered.Count);
            _drained.TrySetResult();
            Monitor.PulseAll(_gate);
        }

        Dispose();
        _transport.Forget(this);
        _failedSignal.TrySetResult();
        if (report && undelivered.Count > 0)
        {
            _transport.ReportUndeliverable(Endpoint, undelivered, reason);
        }

        _transport.OutputsSettled();
    }

    /// <summary>Frees the liveness probe's socket (the session has ended; <see cref="Fail"/> calls it).</summary>
    public void Dispose()
    {
        LivenessProbe? probe;
        lock (_gate)
        {
            probe = _probe;
            _probe = null;
        }

        probe?.Dispose();
    }

    private void AddPendingLocked()
    {
        _accepted++;
        if (_pending++ == 0 && _drained.Task.IsCompleted)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private void RemovePendingLocked(int count)
    {
        Volatile.Write(ref _settled, _settled + count);
        _pending -= count;
        if (_pending <= 0)
        {
            _pending = 0;
            _drained.TrySetResult();
        }
    }

    /// <summary>Lets producers waiting for room in the queue look again.</summary>
    private void WakeProducersLocked()
    {
        if (_waitingProducers > 0 && _queue.Count < _transport.Options.QueueCapacity)
        {
            Monitor.PulseAll(_gate);
        }
    }

    private static ulong NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        ulong id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BitConverter.ToUInt64(bytes);
        }
        while (id == 0);
        return id;
    }

    private static TaskCompletionSource Completed()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }

    private static long Now => Stopwatch.GetTimestamp();
}
