namespace Thespian.Multiproc;

/// <summary>An outbound queue a batching thread may leave envelopes on, to be written when the batch flushes.</summary>
internal interface IBatchedQueue
{
    /// <summary>How many envelopes wait to be written.</summary>
    int QueuedCount { get; }

    /// <summary>Writes what is queued, on the calling thread.</summary>
    void WriteQueued();

    /// <summary>How many envelopes this queue has accepted since it was made.</summary>
    long AcceptedCount { get; }

    /// <summary>How many of those are settled: done by the receiver (acknowledged), or handed back as undeliverable.</summary>
    long SettledCount { get; }
}

/// <summary>A receipt whose acknowledgement may wait for the end of the batch of the thread that marked it done.</summary>
internal interface IBatchedReceipt
{
    /// <summary>Tells the sender what is done now.</summary>
    void Acknowledge();
}

/// <summary>
/// The node-level batch of a transport (<see cref="ITransport.BeginBatch"/>, <see cref="ITransport.FlushBatch"/>,
/// <see cref="ITransport.EndBatch"/>) of one thread: while the thread is in a batch, what it sends stays on the
/// outbound queues it touched until the batch flushes (or many wait, or a control record is sent: written at once, so
/// nothing this thread sends afterwards overtakes it), and receipts it marks done are acknowledged at the batch's end —
/// one write per peer for all it did. A transport keeps one per thread in a <c>[ThreadStatic]</c> field of its own (a
/// thread-static of a generic class would cost a lookup on every access, on the hottest path there is).
/// </summary>
/// <typeparam name="TQueue">The transport's outbound queue (a connection, a session).</typeparam>
/// <typeparam name="TReceipt">The transport's receipt.</typeparam>
internal sealed class ThreadBatch<TQueue, TReceipt>
    where TQueue : class, IBatchedQueue
    where TReceipt : class, IBatchedReceipt
{
    /// <summary>How many envelopes a batching thread lets wait on one queue before it writes them itself.</summary>
    public const int BatchedEnvelopes = 256;

    private readonly List<TQueue> _queues = [];
    private readonly List<TQueue> _touched = [];
    private readonly List<TReceipt> _receipts = [];
    private OutputMark[] _marks = new OutputMark[4];
    private int _depth;

    /// <summary>Whether the thread is in a batch.</summary>
    public bool IsBatching => _depth > 0;

    /// <summary>Opens a batch (batches nest; only the outermost end flushes and acknowledges).</summary>
    public void Begin() => _depth++;

    /// <summary>Writes what the batch left queued.</summary>
    public void Flush()
    {
        if (_depth == 0)
        {
            return;
        }

        foreach (var queue in _queues)
        {
            queue.WriteQueued();
        }

        _queues.Clear();
    }

    /// <summary>Closes a batch; the outermost end writes what is queued, then acknowledges what was done.</summary>
    public void End()
    {
        if (_depth != 1)
        {
            _depth = Math.Max(_depth - 1, 0);
            return;
        }

        Flush();
        _depth = 0;
        _touched.Clear();
        AcknowledgeDone();
    }

    /// <summary>
    /// Settles <paramref name="receipt"/> through <paramref name="settlement"/> once what this batch sent since the last
    /// settlement has settled (<see cref="ITransport.SettleAfterOutputs"/>): each queue it sent on is marked where it stands
    /// now (<see cref="OutputMark"/>). Call after <see cref="Flush"/>.
    /// </summary>
    public void SettleAfterOutputs(IReceipt receipt, OutputSettlement settlement)
    {
        if (_touched.Count > _marks.Length)
        {
            _marks = new OutputMark[_touched.Count];
        }

        for (var i = 0; i < _touched.Count; i++)
        {
            _marks[i] = new OutputMark(_touched[i], _touched[i].AcceptedCount);
        }

        settlement.Settle(receipt, _marks.AsSpan(0, _touched.Count));
        _touched.Clear();
    }

    /// <summary>
    /// An outbound queue settled more envelopes: the handled envelopes of <paramref name="settlement"/> that waited for
    /// them (or all of them, when <paramref name="all"/>: the process is leaving) are settled in a batch of this thread,
    /// so their acknowledgements go out together when it ends (one write per peer).
    /// </summary>
    public void SettleReady(OutputSettlement settlement, bool all = false)
    {
        if (!settlement.HasWaiting)
        {
            return;
        }

        settlement.EnterSettling();
        Begin();
        try
        {
            settlement.SettleReady(all);
        }
        finally
        {
            End();
            settlement.ExitSettling();
        }
    }

    /// <summary>
    /// An envelope was queued on <paramref name="queue"/>: when the thread is in a batch, the queue is written at the
    /// flush, or now if many wait or <paramref name="writeNow"/> (a control record: nothing this thread sends afterwards,
    /// to any endpoint, may overtake it — e.g. a new actor's address reaching someone who asks the admin about it before
    /// the admin has heard of the actor); false when the thread is not batching (the caller has the queue written by its
    /// transport's own means).
    /// </summary>
    public bool Queued(TQueue queue, bool writeNow)
    {
        if (_depth == 0)
        {
            return false;
        }

        if (!_queues.Contains(queue))
        {
            // Once per queue and flush, not per envelope: the queues sent on since the last settlement include it from now.
            _queues.Add(queue);
            if (!_touched.Contains(queue))
            {
                _touched.Add(queue);
            }
        }

        if (writeNow || queue.QueuedCount >= BatchedEnvelopes)
        {
            queue.WriteQueued();
        }

        return true;
    }

    /// <summary>
    /// A receipt was marked done: when the thread is in a batch it is acknowledged at the batch's end; false when it is
    /// not, and the caller acknowledges at once.
    /// </summary>
    public bool AcknowledgeAtEnd(TReceipt receipt)
    {
        if (_depth == 0)
        {
            return false;
        }

        if (!_receipts.Contains(receipt))
        {
            _receipts.Add(receipt);
        }

        return true;
    }

    /// <summary>Acknowledges what the batch marked done so far (also before the thread waits).</summary>
    public void AcknowledgeDone()
    {
        if (_receipts.Count == 0)
        {
            return;
        }

        foreach (var receipt in _receipts)
        {
            receipt.Acknowledge();
        }

        _receipts.Clear();
    }
}
