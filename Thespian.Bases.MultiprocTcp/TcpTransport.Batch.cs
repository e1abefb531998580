using Thespian.Multiproc;

namespace Thespian.Bases.MultiprocTcp;

internal sealed partial class TcpTransport
{
    [ThreadStatic]
    private static ThreadBatch<OutboundConnection, InboundReceipt>? t_batch;

    private readonly OutputSettlement _settlement = new();

    /// <summary>The calling thread's batch (made on first use).</summary>
    private static ThreadBatch<OutboundConnection, InboundReceipt> CurrentBatch => t_batch ??= new();

    /// <inheritdoc />
    public void BeginBatch() => CurrentBatch.Begin();

    /// <inheritdoc />
    public void FlushBatch() => CurrentBatch.Flush();

    /// <inheritdoc />
    public void EndBatch() => CurrentBatch.End();

    /// <inheritdoc />
    public void SettleAfterOutputs(IReceipt receipt) => CurrentBatch.SettleAfterOutputs(receipt, _settlement);

    /// <summary>An outbound connection settled more envelopes: what waited for them is settled (<see cref="ThreadBatch{TQueue,TReceipt}.SettleReady"/>).</summary>
    internal void OutputsSettled() => CurrentBatch.SettleReady(_settlement);

    /// <summary>
    /// A receipt was marked done on a thread that is not its connection's receiving thread: when that thread is in a
    /// batch, the receipt is acknowledged at the batch's end (one small write per connection for all it did); returns
    /// false when it is not, and the caller acknowledges at once.
    /// </summary>
    internal static bool AcknowledgeAtBatchEnd(InboundReceipt receipt) =>
        t_batch?.AcknowledgeAtEnd(receipt) == true;
}
