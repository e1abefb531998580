using System.Buffers.Binary;
using System.Net.Sockets;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// The acknowledgements of one inbound connection. Envelopes marked done are counted and acknowledged to the sender in
/// one small write by whichever thread comes to <see cref="Acknowledge"/> first: the connection's receiving thread
/// before it waits for more bytes, another thread that marked envelopes done at the end of its batch
/// (<see cref="TcpTransport.EndBatch"/>; at once when it is in none), or <see cref="Done"/> itself once a
/// quarter of the window is waiting — so acknowledgements are prompt when traffic is light and coalesced when it is
/// heavy, without a writer of their own. At most <see cref="Window"/> envelopes may be received and not yet handled —
/// past that the connection stops reading, so TCP flow control pushes back on the sender. An envelope handled but not
/// yet settled (<see cref="IReceipt.Handled"/>: what its handler sent has not reached the next process) takes no room,
/// so two processes that wait on each other's acknowledgements never stop each other's reading.
/// </summary>
internal sealed class InboundReceipt : IReceipt, IBatchedReceipt, IDisposable
{
    /// <summary>How many envelopes of one connection may be waiting to be done.</summary>
    public const int Window = 1024;

    private const int AcknowledgeAt = Window / 4;

    /// <summary>Once the window is full, reading resumes when this few envelopes are left (not at the first one done).</summary>
    private const int ResumeAt = Window - (Window / 4);

    private readonly ConnectionStream _connection;
    private readonly int _receivingThreadId = Environment.CurrentManagedThreadId;
    private readonly SemaphoreSlim _resume = new(0);
    private readonly Lock _writing = new();
    private readonly byte[] _buffer = new byte[WireProtocol.FrameHeaderLength];
    private int _inFlight;
    private int _receiverWaiting;
    private int _done;
    private volatile bool _open = true;

    /// <summary>Made on the connection's receiving thread.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="fromAdmin">Whether the peer announced itself as the system's admin in the handshake.</param>
    public InboundReceipt(ConnectionStream connection, bool fromAdmin)
    {
        _connection = connection;
        FromAdmin = fromAdmin;
    }

    /// <inheritdoc />
    public bool IsOpen => _open;

    /// <inheritdoc />
    public bool FromAdmin { get; }

    /// <summary>Yes: each connection has a receiving thread of its own.</summary>
    public bool MayRunHandler => true;

    /// <summary>
    /// Waits until one more envelope may be received: at once while the window has room; once it is full, until a
    /// quarter of it has been done (so a full window costs one wake-up per quarter, not one per envelope).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public void WaitForRoom(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _inFlight) < Window)
        {
            return;
        }

        Interlocked.Exchange(ref _receiverWaiting, 1);
        try
        {
            while (Volatile.Read(ref _inFlight) > ResumeAt)
            {
                _resume.Wait(cancellationToken);
            }
        }
        finally
        {
            Volatile.Write(ref _receiverWaiting, 0);
        }
    }

    /// <summary>One more envelope was received and handed on.</summary>
    public void Received() => Interlocked.Increment(ref _inFlight);

    /// <inheritdoc />
    public void Done()
    {
        if (!_open)
        {
            return;
        }

        Handled();
        Settled();
    }

    /// <inheritdoc />
    public void Handled()
    {
        if (Interlocked.Decrement(ref _inFlight) == ResumeAt && Volatile.Read(ref _receiverWaiting) != 0)
        {
            _resume.Release();
        }
    }

    /// <inheritdoc />
    public void Settled()
    {
        if (!_open)
        {
            return;
        }

        if (Interlocked.Increment(ref _done) >= AcknowledgeAt ||
            (Environment.CurrentManagedThreadId != _receivingThreadId && !TcpTransport.AcknowledgeAtBatchEnd(this)))
        {
            Acknowledge();
        }
    }

    /// <summary>Acknowledges now everything marked done so far (nothing to do when it already has been).</summary>
    public void Acknowledge()
    {
        if (Volatile.Read(ref _done) == 0 || !_open)
        {
            return;
        }

        lock (_writing)
        {
            var count = Interlocked.Exchange(ref _done, 0);
            if (count == 0 || !_open)
            {
                return;
            }

            BinaryPrimitives.WriteInt32LittleEndian(_buffer, count);
            try
            {
                _connection.Send(_buffer);
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                // The connection broke: the sender deals with what it has not seen acknowledged.
                _open = false;
            }
        }
    }

    /// <summary>The connection has closed: nothing more is acknowledged.</summary>
    public void Dispose()
    {
        _open = false;
    }
}
