using Thespian.Multiproc;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// The receipt of one inbound session: counts the envelopes marked done, and has them acknowledged — by the receiving
/// thread before it waits for more datagrams when it marked them itself, at the end of the batch of a thread in one
/// (<see cref="UdpTransport.EndBatch"/>), at once otherwise, and at once too whenever a quarter of the window is waiting
/// to be acknowledged. The receiver grants the sender a window of envelopes beyond those done (the sender sends no
/// more), so a receiver that does not get its envelopes done pushes back on its sender. The window counts from the
/// envelopes handled (<see cref="IReceipt.Handled"/>), not from those settled, so two processes that wait on each
/// other's acknowledgements never stop each other's sending.
/// </summary>
internal sealed class UdpReceipt : IReceipt, IBatchedReceipt
{
    private readonly UdpTransport _transport;
    private readonly InboundSession _session;
    private readonly int _acknowledgeAt;
    private long _done;
    private long _handled;
    private long _acknowledged;
    private volatile bool _open = true;

    public UdpReceipt(UdpTransport transport, InboundSession session, bool fromAdmin, int window)
    {
        _transport = transport;
        _session = session;
        FromAdmin = fromAdmin;
        Window = window;
        _acknowledgeAt = Math.Max(window / 4, 1);
    }

    /// <inheritdoc />
    public bool IsOpen => _open;

    /// <inheritdoc />
    public bool FromAdmin { get; }

    /// <summary>
    /// No: one receiving thread serves every peer of the process, and a handler that waited there for the admin's
    /// answer would stop that answer from being read.
    /// </summary>
    public bool MayRunHandler => false;

    /// <summary>How many envelopes beyond those done the sender may send.</summary>
    public int Window { get; }

    /// <summary>How many of the session's envelopes the last acknowledgement said were done.</summary>
    public long AcknowledgedCount => Volatile.Read(ref _acknowledged);

    /// <summary>How many of the session's envelopes are done.</summary>
    public long DoneCount => Volatile.Read(ref _done);

    /// <summary>How many of the session's envelopes are handled (done, or waiting to be settled): the window counts from here.</summary>
    public long HandledCount => Volatile.Read(ref _handled);

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
    public void Handled() => Interlocked.Increment(ref _handled);

    /// <inheritdoc />
    public void Settled()
    {
        if (!_open)
        {
            return;
        }

        var done = Interlocked.Increment(ref _done);
        if (done - Volatile.Read(ref _acknowledged) >= _acknowledgeAt)
        {
            _transport.AcknowledgeNow(_session);
        }
        else if (_transport.IsReceivingThread)
        {
            _transport.AcknowledgeBeforeWaiting(_session);
        }
        else if (!UdpTransport.AcknowledgeAtBatchEnd(this))
        {
            _transport.AcknowledgeNow(_session);
        }
    }

    /// <summary>Acknowledges now what is done (a batch ended).</summary>
    public void Acknowledge()
    {
        if (_open && DoneCount > Volatile.Read(ref _acknowledged))
        {
            _transport.AcknowledgeNow(_session);
        }
    }

    /// <summary>An acknowledgement of <paramref name="done"/> envelopes went out.</summary>
    public void Acknowledged(long done)
    {
        var seen = Volatile.Read(ref _acknowledged);
        while (done > seen)
        {
            var previous = Interlocked.CompareExchange(ref _acknowledged, done, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    /// <summary>The session ended: nothing more is acknowledged (its sender deals with what was not).</summary>
    public void Close() => _open = false;
}
