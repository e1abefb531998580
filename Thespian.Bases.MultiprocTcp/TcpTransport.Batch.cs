namespace Thespian.Bases.MultiprocTcp;

internal sealed partial class TcpTransport
{
    /// <summary>How many envelopes a batching thread lets queue on one connection before it writes them itself.</summary>
    private const int BatchedEnvelopes = 256;

    [ThreadStatic]
    private static int t_batchDepth;

    [ThreadStatic]
    private static List<OutboundConnection>? t_batched;

    [ThreadStatic]
    private static List<InboundReceipt>? t_toAcknowledge;

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
        foreach (var connection in batched)
        {
            connection.WriteQueued();
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
        var receipts = t_toAcknowledge!;
        foreach (var receipt in receipts)
        {
            receipt.Acknowledge();
        }

        receipts.Clear();
    }

    /// <summary>
    /// A receipt was marked done on a thread that is not its connection's receiving thread: when that thread is in a
    /// batch, the receipt is acknowledged at the batch's end (one small write per connection for all it did); returns
    /// false when it is not, and the caller acknowledges at once.
    /// </summary>
    internal static bool AcknowledgeAtBatchEnd(InboundReceipt receipt)
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

    /// <summary>
    /// An envelope was queued on <paramref name="connection"/> by a batching thread: written later, or now if many wait
    /// or it is a control record. Control records are written at once, on this thread, so that what this thread sends
    /// afterwards (to any endpoint) cannot overtake them — e.g. a new actor's address reaching someone who asks the admin
    /// about it before the admin has heard of the actor.
    /// </summary>
    private static void Batch(List<OutboundConnection> batched, OutboundConnection connection, bool writeNow)
    {
        if (!batched.Contains(connection))
        {
            batched.Add(connection);
        }

        if (writeNow || connection.QueuedCount >= BatchedEnvelopes)
        {
            connection.WriteQueued();
        }
    }
}
