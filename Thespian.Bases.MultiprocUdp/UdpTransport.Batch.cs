using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class UdpTransport
{
    [ThreadStatic]
    private static ThreadBatch<OutboundSession, UdpReceipt>? t_batch;

    private readonly OutputSettlement _settlement = new();

    /// <summary>The calling thread's batch (made on first use).</summary>
    private static ThreadBatch<OutboundSession, UdpReceipt> CurrentBatch => t_batch ??= new();

    /// <inheritdoc />
    public void BeginBatch() => CurrentBatch.Begin();

    /// <inheritdoc />
    public void FlushBatch() => CurrentBatch.Flush();

    /// <inheritdoc />
    public void EndBatch() => CurrentBatch.End();

    /// <inheritdoc />
    public void SettleAfterOutputs(IReceipt receipt) => CurrentBatch.SettleAfterOutputs(receipt, _settlement);

    /// <summary>An outbound session settled more envelopes: what waited for them is settled (<see cref="ThreadBatch{TQueue,TReceipt}.SettleReady"/>).</summary>
    internal void OutputsSettled() => CurrentBatch.SettleReady(_settlement);

    /// <summary>
    /// A receipt was marked done on a thread that is not the receiving thread: when that thread is in a batch, the
    /// receipt is acknowledged at the batch's end (one datagram per session for all it did); false when it is not, and
    /// the caller acknowledges at once.
    /// </summary>
    internal static bool AcknowledgeAtBatchEnd(UdpReceipt receipt) => t_batch?.AcknowledgeAtEnd(receipt) == true;

    /// <summary>A thread is about to wait for room in a queue: what its batch holds is written and acknowledged first.</summary>
    internal static void BeforeWaiting()
    {
        t_batch?.Flush();
        t_batch?.AcknowledgeDone();
    }

    /// <summary>
    /// An envelope was queued for <paramref name="session"/>: a batching thread writes it later, or now if many wait or
    /// it is a control record (so that nothing this thread sends afterwards, to any endpoint, overtakes it); false when
    /// the thread is not batching.
    /// </summary>
    private static bool Batched(OutboundSession session, Envelope envelope) =>
        t_batch?.Queued(session, writeNow: envelope.Kind == EnvelopeKind.Control) == true;
}
