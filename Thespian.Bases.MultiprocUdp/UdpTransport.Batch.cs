using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class UdpTransport
{
    /// <inheritdoc />
    public void BeginBatch() => ThreadBatch<OutboundSession, UdpReceipt>.Begin();

    /// <inheritdoc />
    public void FlushBatch() => ThreadBatch<OutboundSession, UdpReceipt>.Flush();

    /// <inheritdoc />
    public void EndBatch() => ThreadBatch<OutboundSession, UdpReceipt>.End();

    /// <summary>
    /// A receipt was marked done on a thread that is not the receiving thread: when that thread is in a batch, the
    /// receipt is acknowledged at the batch's end (one datagram per session for all it did); false when it is not, and
    /// the caller acknowledges at once.
    /// </summary>
    internal static bool AcknowledgeAtBatchEnd(UdpReceipt receipt) => ThreadBatch<OutboundSession, UdpReceipt>.AcknowledgeAtEnd(receipt);

    /// <summary>A thread is about to wait for room in a queue: what its batch holds is written and acknowledged first.</summary>
    internal static void BeforeWaiting()
    {
        ThreadBatch<OutboundSession, UdpReceipt>.Flush();
        ThreadBatch<OutboundSession, UdpReceipt>.AcknowledgeDone();
    }

    /// <summary>
    /// An envelope was queued for <paramref name="session"/>: a batching thread writes it later, or now if many wait or
    /// it is a control record (so that nothing this thread sends afterwards, to any endpoint, overtakes it); false when
    /// the thread is not batching.
    /// </summary>
    private static bool Batched(OutboundSession session, Envelope envelope) =>
        ThreadBatch<OutboundSession, UdpReceipt>.Queued(session, writeNow: envelope.Kind == EnvelopeKind.Control);
}
