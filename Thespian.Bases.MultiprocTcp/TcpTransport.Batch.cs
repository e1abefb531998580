using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

internal sealed partial class TcpTransport
{
    /// <inheritdoc />
    public void BeginBatch() => ThreadBatch<OutboundConnection, InboundReceipt>.Begin();

    /// <inheritdoc />
    public void FlushBatch() => ThreadBatch<OutboundConnection, InboundReceipt>.Flush();

    /// <inheritdoc />
    public void EndBatch() => ThreadBatch<OutboundConnection, InboundReceipt>.End();

    /// <summary>
    /// A receipt was marked done on a thread that is not its connection's receiving thread: when that thread is in a
    /// batch, the receipt is acknowledged at the batch's end (one small write per connection for all it did); returns
    /// false when it is not, and the caller acknowledges at once.
    /// </summary>
    internal static bool AcknowledgeAtBatchEnd(InboundReceipt receipt) =>
        ThreadBatch<OutboundConnection, InboundReceipt>.AcknowledgeAtEnd(receipt);

    /// <summary>
    /// An envelope was queued on <paramref name="connection"/>: a batching thread writes it later, or now if many wait or
    /// it is a control record (so that what this thread sends afterwards, to any endpoint, cannot overtake it — e.g. a
    /// new actor's address reaching someone who asks the admin about it before the admin has heard of the actor); false
    /// when the thread is not batching.
    /// </summary>
    private static bool Batched(OutboundConnection connection, Envelope envelope) =>
        ThreadBatch<OutboundConnection, InboundReceipt>.Queued(connection, writeNow: envelope.Kind == EnvelopeKind.Control);
}
