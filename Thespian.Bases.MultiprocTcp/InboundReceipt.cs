using System.Buffers.Binary;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// The acknowledgements of one inbound connection: envelopes marked done are acknowledged to the sender
/// (coalesced, by a writer of its own), and at most <see cref="Window"/> envelopes may be received and not yet
/// done — past that the connection stops reading, so TCP flow control pushes back on the sender.
/// </summary>
internal sealed class InboundReceipt : IReceipt, IDisposable
{
    /// <summary>How many envelopes of one connection may be waiting to be done.</summary>
    public const int Window = 1024;

    private readonly Stream _stream;
    private readonly CancellationToken _stopping;
    private readonly SemaphoreSlim _room = new(Window, Window);
    private readonly SemaphoreSlim _wake = new(0);
    private int _done;
    private int _woken;
    private volatile bool _writing;
    private volatile bool _open = true;

    public InboundReceipt(Stream stream, CancellationToken stopping)
    {
        _stream = stream;
        _stopping = stopping;
        _ = Task.Run(WriteAcknowledgementsAsync, CancellationToken.None);
    }

    /// <inheritdoc />
    public bool IsOpen => _open;

    /// <summary>Waits until one more envelope may be received.</summary>
    public Task WaitForRoomAsync(CancellationToken cancellationToken) => _room.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public void Done()
    {
        if (!_open)
        {
            return;
        }

        _room.Release();
        Interlocked.Increment(ref _done);
        if (Interlocked.Exchange(ref _woken, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until everything marked done has been acknowledged.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (_open && (Volatile.Read(ref _done) > 0 || _writing) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>The connection has closed: nothing more is acknowledged.</summary>
    public void Dispose()
    {
        _open = false;
        _wake.Release();
    }

    private async Task WriteAcknowledgementsAsync()
    {
        var buffer = new byte[WireProtocol.FrameHeaderLength];
        try
        {
            while (_open)
            {
                await _wake.WaitAsync(_stopping).ConfigureAwait(false);
                Volatile.Write(ref _woken, 0);
                _writing = true;
                var count = Interlocked.Exchange(ref _done, 0);
                if (count > 0 && _open)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(buffer, count);
                    await _stream.WriteAsync(buffer, _stopping).ConfigureAwait(false);
                }

                _writing = false;
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            _open = false;
        }
    }
}
