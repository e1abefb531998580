namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class UdpTransport
{
    /// <summary>How many envelopes a batching thread lets queue for one endpoint before it writes them itself.</summary>
    private const int BatchedEnvelopes = 256;

    [ThreadStatic]
    private static int t_batchDepth;

    [ThreadStatic]
    private static List<OutboundSession>? t_batched;

    [ThreadStatic]
    private static List<UdpReceipt>? t_toAcknowledge;

    /// <inheritdoc />
    public void BeginBatch()
    {
        t_batched ??= [];
        t_toAcknowledge ??= [];
        t_batchDepth++;
    }

    /// <inheritdoc />
    public void FlushBatch()
    {
        if (t_batchDepth == 0)
        {
            return;
        }

        var batched = t_batched!;
        foreach (var session in batched)
        {
            session.WriteQueued();
        }

        batched.Clear();
    }

    /// <inheritdoc />
    public void EndBatch()
    {
        if (t_batchDepth == 0 || t_batchDepth > 1)
        {
            t_batchDepth = Math.Max(t_batchDepth - 1, 0);
            return;
        }

        FlushBatch();
        t_batchDepth = 0;
        AcknowledgeBatched();
    }

    /// <summary>
    /// A receipt was marked done on a thread that is not the receiving thread: when that thread is in a batch, the
    /// receipt is acknowledged at the batch's end (one datagram per session for all it did); false when it is not, and
    /// the caller acknowledges at once.
    /// </summary>
    internal static bool AcknowledgeAtBatchEnd(UdpReceipt receipt)
    {
        if (t_batchDepth == 0)
        {
            return false;
        }

        var receipts = t_toAcknowledge!;
        if (!receipts.Contains(receipt))
        {
            receipts.Add(receipt);
        }

        return true;
    }

    /// <summary>A thread is about to wait for room in a queue: what its batch holds is written and acknowledged first.</summary>
    internal void BeforeWaiting()
    {
        FlushBatch();
        AcknowledgeBatched();
    }

    /// <summary>Acknowledges what this thread's batch marked done.</summary>
    private static void AcknowledgeBatched()
    {
        if (t_toAcknowledge is not { Count: > 0 } receipts)
        {
            return;
        }

        foreach (var receipt in receipts)
        {
            receipt.Acknowledge();
        }

        receipts.Clear();
    }

    /// <summary>
    /// An envelope was queued for <paramref name="session"/> by a batching thread: written later, or now if many wait or
    /// it is a control record (written at once, on this thread, so that nothing this thread sends afterwards — to any
    /// endpoint — overtakes it).
    /// </summary>
    private static void Batch(List<OutboundSession> batched, OutboundSession session, bool writeNow)
    {
        if (!batched.Contains(session))
        {
            batched.Add(session);
        }

        if (writeNow || session.QueuedCount >= BatchedEnvelopes)
        {
            session.WriteQueued();
        }
    }
}
