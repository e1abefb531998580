using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Everything this process sends to one endpoint: an ordered, bounded queue (a full queue makes
/// <see cref="TryEnqueue"/> wait: back-pressure) and a send loop that connects once, then writes as many
/// queued envelopes as are waiting in one socket write. When the endpoint cannot be reached or the
/// connection breaks, every envelope still queued is handed back as undeliverable.
/// </summary>
internal sealed class OutboundConnection : IAsyncDisposable
{
    private const int MaxBatchBytes = 256 * 1024;

    private readonly TcpTransport _transport;
    private readonly string _endpoint;
    private readonly Channel<Envelope> _queue;
    private readonly Task _sendLoop;
    private readonly Lock _drainedGate = new();
    private TaskCompletionSource _drained = NewDrainedSignal(completed: true);
    private int _queued;

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
        MarkQueued();
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
            MarkSent(1);
            return false;
        }
    }

    /// <summary>Completes when nothing queued here is waiting to be written.</summary>
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
        var inFlight = new List<Envelope>();
        Socket? socket = null;
        try
        {
            socket = await ConnectAsync().ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: false);
            await using var streamScope = stream.ConfigureAwait(false);
            await Handshake.ConnectAsync(stream, _transport.Options.Role, _transport.Options.FrameDeadline, _transport.Stopping)
                           .ConfigureAwait(false);
            while (await _queue.Reader.WaitToReadAsync(_transport.Stopping).ConfigureAwait(false))
            {
                batch.ResetWrittenCount();
                inFlight.Clear();
                while (batch.WrittenCount < MaxBatchBytes && _queue.Reader.TryRead(out var envelope))
                {
                    inFlight.Add(envelope);
                    WriteFrame(batch, envelope);
                }

                await stream.WriteAsync(batch.WrittenMemory, _transport.Stopping).ConfigureAwait(false);
                MarkSent(inFlight.Count);
                inFlight.Clear();
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or WireProtocolException or OperationCanceledException or ObjectDisposedException)
        {
            Fail(inFlight, ex);
        }
        finally
        {
            socket?.Dispose();
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

    private static void WriteFrame(ArrayBufferWriter<byte> batch, Envelope envelope)
    {
        var length = envelope.EncodedLength;
        var header = batch.GetSpan(WireProtocol.FrameHeaderLength);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header, length);
        batch.Advance(WireProtocol.FrameHeaderLength);
        envelope.WriteTo(batch);
    }

    /// <summary>Closes the queue and hands back everything not written.</summary>
    private void Fail(List<Envelope> inFlight, Exception reason)
    {
        _transport.Forget(_endpoint, this);
        _queue.Writer.TryComplete();
        var undelivered = new List<Envelope>(inFlight);
        while (_queue.Reader.TryRead(out var envelope))
        {
            undelivered.Add(envelope);
        }

        MarkSent(undelivered.Count);
        if (undelivered.Count > 0 && !_transport.Stopping.IsCancellationRequested)
        {
            _transport.Sink.OnUndeliverable(_endpoint, undelivered, reason);
        }
    }

    private void MarkQueued()
    {
        if (Interlocked.Increment(ref _queued) == 1)
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

    private void MarkSent(int count)
    {
        if (count > 0 && Interlocked.Add(ref _queued, -count) == 0)
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
