namespace Thespian.Multiproc;

/// <summary>
/// How a receiver says it is done with a received envelope (handled, or handed on as a dead letter): only
/// then is it acknowledged to the sender, who until then keeps it and dead-letters it if this process dies.
/// One receipt serves every envelope of a connection.
/// </summary>
internal interface IReceipt
{
    /// <summary>Whether the connection is still open (when it has closed, the sender deals with what was not done).</summary>
    bool IsOpen { get; }

    /// <summary>
    /// Whether the thread that hands envelopes of this connection on may run the receiver's handler itself (sparing a
    /// hand-over to another thread). False where the handler may wait for something that arrives on this very
    /// connection — replies from the admin — because the connection is not read while its thread runs the handler.
    /// </summary>
    bool MayRunHandler { get; }

    /// <summary>
    /// One more envelope of this connection is done. It is acknowledged soon, but not necessarily at once: a caller that
    /// marks envelopes done on a thread of its own calls <see cref="Acknowledge"/> when it runs out of work.
    /// </summary>
    void Done();

    /// <summary>Acknowledges now everything marked done so far (nothing to do when it already has been).</summary>
    void Acknowledge();
}

/// <summary>A receipt for envelopes that are done as soon as they arrive.</summary>
internal sealed class ImmediateReceipt : IReceipt
{
    public static readonly ImmediateReceipt Instance = new();

    public bool IsOpen => true;

    public bool MayRunHandler => false;

    public void Done()
    {
    }

    public void Acknowledge()
    {
    }
}
