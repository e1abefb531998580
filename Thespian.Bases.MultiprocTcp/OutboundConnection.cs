using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Everything this process sends to one endpoint: an ordered, bounded queue (a full queue makes
/// <see cref="TryEnqueue"/> wait: back-pressure) and a send loop that connects once, then writes as many
/// queued envelopes as are waiting in one socket write. The receiver acknowledges what it has handed
/// on; envelopes written but not yet acknowledged are kept, so when the endpoint cannot be reached or the
/// connection breaks or closes, every envelope not acknowledged is handed back as undeliverable — none
/// vanishes into a dead socket.
/// </summary>
internal sealed class OutboundConnection : IAsyncDisposable
{
    private const int MaxBatchBytes = 256 * 1024;

    private readonly TcpTransport _transport;
    private readonly string _endpoint;
    private readonly Channel<Envelope> _queue;
    private readonly Queue<Envelope> _unacknowledged = new();
    private readonly Task _sendLoop;
    private readonly Lock _drainedGate = new();
    private TaskCompletionSource _drained = NewDrainedSignal(completed: true);
    private int _pending;
    private int _failed;

    public OutboundConnection(TcpTransport transport, string endpoint)
    {
        _transport = transport;
        _endpoint = endpoint;
        _queue = Channel.CreateBounded<Envelope>(new BoundedChannelOptions(transport.Options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sendLoop = Task.Run(SendLoopAsync);
    }

    /// <summary>Queues an envelope, waiting while the queue is full; false when this connection has closed.</summary>
    public bool TryEnqueue(Envelope envelope)
    {
        AddPending();
        if (_queue.Writer.TryWrite(envelope))
        {
            return true;
        }

        try
        {
            _queue.Writer.WriteAsync(envelope, _transport.Stopping).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
        {
            RemovePending(1);
            return false;
        }
    }

    /// <summary>Completes when everything queued here has been acknowledged or handed back.</summary>
    public Task WaitDrainedAsync()
    {
        lock (_drainedGate)
        {
            return _drained.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _sendLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // Stopping.
        }
    }

    private async Task SendLoopAsync()
    {
        var batch = new ArrayBufferWriter<byte>(64 * 1024);
        Socket? socket = null;
        try
        {
            socket = await ConnectAsync().ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: false);
            await using var streamScope = stream.ConfigureAwait(false);
            await Handshake.ConnectAsync(stream, _transport.Options.Role, _transport.Options.FrameDeadline, _transport.Stopping)
                           .ConfigureAwait(false);
            _ = Task.Run(() => ReadAcknowledgementsAsync(stream));
            while (await _queue.Reader.WaitToReadAsync(_transport.Stopping).ConfigureAwait(false))
            {
                batch.ResetWrittenCount();
                lock (_unacknowledged)
                {
                    while (batch.WrittenCount < MaxBatchBytes && _queue.Reader.TryRead(out var envelope))
                    {
                        _unacknowledged.Enqueue(envelope);
                        FrameCodec.Write(batch, envelope);
                    }
                }

                await stream.WriteAsync(batch.WrittenMemory, _transport.Stopping).ConfigureAwait(false);
            }

            await WaitForAcknowledgementsAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or WireProtocolException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(ex);
        }
        finally
        {
            socket?.Dispose();
        }
    }

    /// <summary>The receiver's acknowledgements: each is a count of envelopes it has handed on, in order.</summary>
    private async Task ReadAcknowledgementsAsync(NetworkStream stream)
    {
        var buffer = new byte[WireProtocol.FrameHeaderLength];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(buffer, _transport.Stopping).ConfigureAwait(false);
                var count = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                int released;
                lock (_unacknowledged)
                {
                    released = Math.Min(Math.Max(count, 0), _unacknowledged.Count);
                    for (var i = 0; i < released; i++)
                    {
                        _unacknowledged.Dequeue();
                    }
                }

                RemovePending(released);
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The receiver closed (it stopped, or its process ended): what it has not acknowledged was not received.
            Fail(ex);
        }
    }

    /// <summary>After the queue is completed (disposal), waits briefly for the last acknowledgements.</summary>
    private async Task WaitForAcknowledgementsAsync()
    {
        for (var i = 0; i < 200 && Volatile.Read(ref _pending) > 0 && Volatile.Read(ref _failed) == 0; i++)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    private async Task<Socket> ConnectAsync()
    {
        var (host, port) = TcpTransport.ParseEndpoint(_endpoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_transport.Stopping);
            timeout.CancelAfter(_transport.Options.ConnectTimeout);
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Closes the queue and hands back everything not acknowledged, once.</summary>
    private void Fail(Exception reason)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0)
        {
            return;
        }

        _transport.Forget(_endpoint, this);
        _queue.Writer.TryComplete();
        List<Envelope> undelivered;
        lock (_unacknowledged)
        {
            undelivered = [.. _unacknowledged];
            _unacknowledged.Clear();
            while (_queue.Reader.TryRead(out var envelope))
            {
                undelivered.Add(envelope);
            }
        }

        RemovePending(undelivered.Count);
        if (undelivered.Count > 0 && !_transport.Stopping.IsCancellationRequested)
        {
            _transport.Sink.OnUndeliverable(_endpoint, undelivered, reason);
        }
    }

    private void AddPending()
    {
        if (Interlocked.Increment(ref _pending) == 1)
        {
            lock (_drainedGate)
            {
                if (_drained.Task.IsCompleted)
                {
                    _drained = NewDrainedSignal(completed: false);
                }
            }
        }
    }

    private void RemovePending(int count)
    {
        if (count > 0 && Interlocked.Add(ref _pending, -count) <= 0)
        {
            lock (_drainedGate)
            {
                _drained.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewDrainedSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }
}
