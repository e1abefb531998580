namespace Thespian.Multiproc;

/// <summary>
/// How a receiver says it is done with a received envelope (handled, or handed on as a dead letter): only then is it
/// acknowledged to the sender, who until then keeps it and dead-letters it if this process dies. One receipt serves
/// every envelope from one peer; when to acknowledge is the transport's business (see <see cref="ITransport.BeginBatch"/>).
/// </summary>
internal interface IReceipt
{
    /// <summary>Whether the peer is still connected (when it is not, the sender deals with what was not done).</summary>
    bool IsOpen { get; }

    /// <summary>Whether these envelopes come from the system's admin (whose replies a handler may be waiting for).</summary>
    bool FromAdmin { get; }

    /// <summary>
    /// Whether the receiving thread that hands these envelopes on may run the receiver's handler itself (sparing a
    /// hand-over to another thread). A transport says no where its receiving thread serves more than this peer, or
    /// where a handler that waits for the admin's answer would stop that answer from being read; a receiver also runs
    /// nothing on it for envelopes <see cref="FromAdmin"/>.
    /// </summary>
    bool MayRunHandler { get; }

    /// <summary>One more envelope from this peer is done; the transport acknowledges it soon.</summary>
    void Done();

    /// <summary>
    /// The first half of <see cref="Done"/>: one more envelope from this peer is handled, so its room in the receive window
    /// is free, but it is not acknowledged until <see cref="Settled"/> (what its handler sent has not reached the next
    /// process yet; see <see cref="ITransport.SettleAfterOutputs"/>).
    /// </summary>
    void Handled()
    {
    }

    /// <summary>The second half of <see cref="Done"/>: one more handled envelope may be acknowledged.</summary>
    void Settled() => Done();
}

/// <summary>A receipt for envelopes that are done as soon as they arrive.</summary>
internal sealed class ImmediateReceipt : IReceipt
{
    public static readonly ImmediateReceipt Instance = new();

    public bool IsOpen => true;

    public bool FromAdmin => false;

    public bool MayRunHandler => false;

    public void Done()
    {
    }
}
