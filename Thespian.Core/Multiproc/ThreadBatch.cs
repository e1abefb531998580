namespace Thespian.Multiproc;

/// <summary>An outbound queue a batching thread may leave envelopes on, to be written when the batch flushes.</summary>
internal interface IBatchedQueue
{
    /// <summary>How many envelopes wait to be written.</summary>
    int QueuedCount { get; }

    /// <summary>Writes what is queued, on the calling thread.</summary>
    void WriteQueued();
}

/// <summary>A receipt whose acknowledgement may wait for the end of the batch of the thread that marked it done.</summary>
internal interface IBatchedReceipt
{
    /// <summary>Tells the sender what is done now.</summary>
    void Acknowledge();
}

/// <summary>
/// The node-level batch of a transport (<see cref="ITransport.BeginBatch"/>, <see cref="ITransport.FlushBatch"/>,
/// <see cref="ITransport.EndBatch"/>), kept per thread: while a thread is in a batch, what it sends stays on the
/// outbound queues it touched until the batch flushes (or many wait, or a control record is sent: written at once, so
/// nothing this thread sends afterwards overtakes it), and receipts it marks done are acknowledged at the batch's end —
/// one write per peer for all it did. Generic over the transport's queue and receipt types, so each transport has its
/// own thread-local state.
/// </summary>
/// <typeparam name="TQueue">The transport's outbound queue (a connection, a session).</typeparam>
/// <typeparam name="TReceipt">The transport's receipt.</typeparam>
internal static class ThreadBatch<TQueue, TReceipt>
    where TQueue : class, IBatchedQueue
    where TReceipt : class, IBatchedReceipt
{
    /// <summary>How many envelopes a batching thread lets wait on one queue before it writes them itself.</summary>
    public const int BatchedEnvelopes = 256;

    [ThreadStatic]
    private static int t_depth;

    [ThreadStatic]
    private static List<TQueue>? t_queues;

    [ThreadStatic]
    private static List<TReceipt>? t_receipts;

    /// <summary>Whether the calling thread is in a batch.</summary>
    public static bool IsBatching => t_depth > 0;

    /// <summary>Opens a batch (batches nest; only the outermost end flushes and acknowledges).</summary>
    public static void Begin()
    {
        t_queues ??= [];
        t_receipts ??= [];
        t_depth++;
    }

    /// <summary>Writes what the calling thread's batch left queued.</summary>
    public static void Flush()
    {
        if (t_depth == 0)
        {
            return;
        }

        var queues = t_queues!;
        foreach (var queue in queues)
        {
            queue.WriteQueued();
        }

        queues.Clear();
    }

    /// <summary>Closes a batch; the outermost end writes what is queued, then acknowledges what was done.</summary>
    public static void End()
    {
        if (t_depth != 1)
        {
            t_depth = Math.Max(t_depth - 1, 0);
            return;
        }

        Flush();
        t_depth = 0;
        AcknowledgeDone();
    }

    /// <summary>
    /// An envelope was queued on <paramref name="queue"/>: when the calling thread is in a batch, the queue is written at
    /// the flush, or now if many wait or <paramref name="writeNow"/>; false when the thread is not batching (the caller
    /// has the queue written by its transport's own means).
    /// </summary>
    public static bool Queued(TQueue queue, bool writeNow)
    {
        if (t_depth == 0)
        {
            return false;
        }

        var queues = t_queues!;
        if (!queues.Contains(queue))
        {
            queues.Add(queue);
        }

        if (writeNow || queue.QueuedCount >= BatchedEnvelopes)
        {
            queue.WriteQueued();
        }

        return true;
    }

    /// <summary>
    /// A receipt was marked done: when the calling thread is in a batch it is acknowledged at the batch's end; false
    /// when it is not, and the caller acknowledges at once.
    /// </summary>
    public static bool AcknowledgeAtEnd(TReceipt receipt)
    {
        if (t_depth == 0)
        {
            return false;
        }

        var receipts = t_receipts!;
        if (!receipts.Contains(receipt))
        {
            receipts.Add(receipt);
        }

        return true;
    }

    /// <summary>Acknowledges what the calling thread's batch marked done so far (also before the thread waits).</summary>
    public static void AcknowledgeDone()
    {
        if (t_receipts is not { Count: > 0 } receipts)
        {
            return;
        }

        foreach (var receipt in receipts)
        {
            receipt.Acknowledge();
        }

        receipts.Clear();
    }
}
