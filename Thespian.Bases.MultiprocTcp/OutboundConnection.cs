using System.Buffers;
using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Diagnostics;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Everything this process sends to one endpoint: an ordered, bounded queue (a full queue makes
/// <see cref="TryEnqueue"/> wait: back-pressure) and a writer thread that connects once, then writes as many
/// queued envelopes as are waiting in one socket write. The socket is only ever used with blocking calls, so
/// the writer and the reader of acknowledgements sleep in the kernel and wake without a thread-pool hop.
/// The receiver acknowledges what it has handed on; envelopes written but not yet acknowledged are kept, so
/// when the endpoint cannot be reached or the connection breaks or closes, every envelope not acknowledged is
/// handed back as undeliverable — none vanishes into a dead socket.
/// </summary>
internal sealed class OutboundConnection : IAsyncDisposable, IBatchedQueue
{
    private const int MaxBatchBytes = 256 * 1024;

    /// <summary>Bodies of this many bytes or more are sent from where they are, not copied into the batch.</summary>
    private const int DirectBodyBytes = 64 * 1024;

    private readonly TcpTransport _transport;
    private readonly string _endpoint;
    private readonly object _gate = new();
    private readonly object _writeLock = new();
    private readonly Queue<Envelope> _queue = new();
    private readonly AcknowledgementTracker _unacknowledged = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ConnectionStream? _connection;
    private volatile bool _ready;
    private bool _closed;
    private bool _writerWaiting;
    private int _waitingProducers;
    private int _failed;
    private long _accepted;
    private long _settled;
    private ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private readonly List<Envelope> _taken = [];

    public OutboundConnection(TcpTransport transport, string endpoint)
    {
        _transport = transport;
        _endpoint = endpoint;
        LoopThreads.Shared.Start("Thespian send", WriteLoop);
    }

    /// <summary>How many envelopes are queued and not yet taken for writing.</summary>
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

    /// <inheritdoc />
    public long AcceptedCount => Volatile.Read(ref _accepted);

    /// <inheritdoc />
    public long SettledCount => Volatile.Read(ref _settled);

    /// <summary>
    /// Queues an envelope, waiting while the queue is full; false when this connection has closed. With
    /// <paramref name="wakeWriter"/> false the writer thread is not woken: the caller writes the queue itself later
    /// (<see cref="WriteQueued"/>).
    /// </summary>
    public bool TryEnqueue(Envelope envelope, bool wakeWriter = true)
    {
        _unacknowledged.AddPending();
        lock (_gate)
        {
            if (!_closed && _queue.Count >= _transport.Options.QueueCapacity)
            {
                ThespianMetrics.BackPressureWait(SystemBaseNames.MultiprocTcp);
            }

            while (!_closed && _queue.Count >= _transport.Options.QueueCapacity)
            {
                WakeWriterLocked();
                _waitingProducers++;
                Monitor.Wait(_gate);
                _waitingProducers--;
            }

            if (!_closed)
            {
                _queue.Enqueue(envelope);
                _accepted++;
                if (wakeWriter)
                {
                    WakeWriterLocked();
                }

                return true;
            }
        }

        _unacknowledged.RemovePending(1);
        return false;
    }

    /// <summary>
    /// Writes what is queued on the calling thread (one socket write per batch), unless the writer thread is writing
    /// already — it then takes the rest — or the connection is not open yet: then the writer thread is woken.
    /// </summary>
    public void WriteQueued()
    {
        if (!_ready || !Monitor.TryEnter(_writeLock))
        {
            lock (_gate)
            {
                WakeWriterLocked();
            }

            return;
        }

        try
        {
            WriteAllQueued(_connection!);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            Fail(ex);
        }
        finally
        {
            Monitor.Exit(_writeLock);
        }
    }

    /// <summary>Completes when everything queued here has been acknowledged or handed back.</summary>
    public Task WaitDrainedAsync() => _unacknowledged.WaitDrainedAsync();

    /// <summary>
    /// Closes the queue: the writer writes what is queued and waits briefly for its acknowledgements — unless the
    /// transport is stopping, in which case the socket closes at once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        if (_transport.IsStopping)
        {
            Volatile.Read(ref _connection)?.Socket.Dispose();
        }

        await Task.WhenAny(_finished.Task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
    }

    private void Close()
    {
        lock (_gate)
        {
            _closed = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void WriteLoop()
    {
        ConnectionStream? connection = null;
        try
        {
            connection = _transport.OpenConnection(_endpoint);
            Volatile.Write(ref _connection, connection);
            if (_transport.IsStopping)
            {
                throw new OperationCanceledException("The transport is stopping.");
            }

            var connected = connection;
            LoopThreads.Shared.Start("Thespian acks", () => ReadAcknowledgements(connected));
            _ready = true;
            while (WaitForQueued())
            {
                lock (_writeLock)
                {
                    WriteAllQueued(connection);
                }
            }

            _unacknowledged.WaitForAcknowledgements(() => Volatile.Read(ref _failed) != 0);
        }
        catch (Exception ex) when (ex is SocketException or IOException or WireProtocolException or OperationCanceledException or
                                         ObjectDisposedException or ArgumentException)
        {
            // ArgumentException: the endpoint is not "host:port" (or names no address); what was queued is undeliverable.
            Fail(ex);
        }
        finally
        {
            connection?.Dispose();
            _finished.TrySetResult();
        }
    }

    /// <summary>Waits until envelopes are queued; false once closed and empty.</summary>
    private bool WaitForQueued()
    {
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_closed)
                {
                    return false;
                }

                _writerWaiting = true;
                Monitor.Wait(_gate);
            }

            return true;
        }
    }

    /// <summary>
    /// Writes batches until the queue is empty (the caller holds the write lock, so batches go out in order). A large
    /// body is not copied into the batch: what is batched before it, and its frame's start, are written, then the body
    /// straight from where it is.
    /// </summary>
    private void WriteAllQueued(ConnectionStream connection)
    {
        while (TakeBatch(_taken))
        {
            _batch.ResetWrittenCount();
            foreach (var envelope in _taken)
            {
                if (envelope.Body.Length < DirectBodyBytes)
                {
                    FrameCodec.Write(_batch, envelope);
                    continue;
                }

                FrameCodec.WriteAllButBody(_batch, envelope);
                connection.Send(_batch.WrittenSpan);
                _batch.ResetWrittenCount();
                connection.Send(envelope.Body.Span);
            }

            connection.Send(_batch.WrittenSpan);
        }

        _taken.Clear();
        if (_batch.Capacity > 4 * MaxBatchBytes)
        {
            _batch = new ArrayBufferWriter<byte>(64 * 1024);
        }
    }

    /// <summary>Takes a batch of queued envelopes (about <see cref="MaxBatchBytes"/>); false when none is queued.</summary>
    private bool TakeBatch(List<Envelope> taken)
    {
        taken.Clear();
        lock (_gate)
        {
            var bytes = 0;
            while (bytes < MaxBatchBytes && _queue.TryDequeue(out var envelope))
            {
                taken.Add(envelope);
                bytes += WireProtocol.FrameHeaderLength + envelope.Body.Length + 64;
            }

            // Under the same lock as the queue, so that a failure finds each envelope in one place or the other.
            _unacknowledged.Written(taken);
            if (_waitingProducers > 0)
            {
                Monitor.PulseAll(_gate);
            }
        }

        return taken.Count > 0;
    }

    private void WakeWriterLocked()
    {
        if (_writerWaiting)
        {
            _writerWaiting = false;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The receiver's acknowledgements: each is a count of envelopes it has handed on, in order.</summary>
    private void ReadAcknowledgements(ConnectionStream connection)
    {
        var buffer = new byte[16 * WireProtocol.FrameHeaderLength];
        var filled = 0;
        try
        {
            while (true)
            {
                var read = connection.Receive(buffer.AsSpan(filled));
                if (read == 0)
                {
                    throw new EndOfStreamException("The receiver closed the connection.");
                }

                filled += read;
                var whole = filled - (filled % WireProtocol.FrameHeaderLength);
                Settle(_unacknowledged.Acknowledged(buffer.AsSpan(0, whole)));
                Buffer.BlockCopy(buffer, whole, buffer, 0, filled - whole);
                filled -= whole;
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or SocketException or ObjectDisposedException)
        {
            // The receiver closed (it stopped, or its process ended): what it has not acknowledged was not received.
            Fail(ex);
        }
    }

    /// <summary>Closes the queue and the socket, and hands back everything not acknowledged, once.</summary>
    private void Fail(Exception reason)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0)
        {
            return;
        }

        _transport.Forget(_endpoint, this);
        var undelivered = new List<Envelope>();
        lock (_gate)
        {
            _closed = true;
            _unacknowledged.TakeAll(undelivered);
            undelivered.AddRange(_queue);
            _queue.Clear();
            Monitor.PulseAll(_gate);
        }

        Volatile.Read(ref _connection)?.Socket.Dispose();
        _transport.ReportConnectionFailure(_endpoint, outbound: true, reason, inFlight: undelivered.Count > 0);
        _unacknowledged.RemovePending(undelivered.Count);
        if (undelivered.Count > 0 && !_transport.IsStopping)
        {
            _transport.Sink.OnUndeliverable(_endpoint, undelivered, reason);
        }

        Settle(undelivered.Count);
    }

    /// <summary>
    /// <paramref name="count"/> more envelopes are settled (acknowledged or handed back): envelopes whose handlers sent
    /// them may now be acknowledged in turn (<see cref="Multiproc.OutputSettlement"/>).
    /// </summary>
    private void Settle(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _settled, count);
            _transport.OutputsSettled();
        }
    }
}
