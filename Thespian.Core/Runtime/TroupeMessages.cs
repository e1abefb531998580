namespace Thespian.Runtime;

/// <summary>
/// A message handed by a troupe manager to a worker, with its original sender. <see cref="Ident"/> names the hand-over
/// (unique within the troupe) so that work the manager gets back is re-queued once, however many ways it comes back.
/// </summary>
internal sealed class TroupeWork : ActorSystemMessage
{
    public TroupeWork(object message, ActorAddress sender, long ident = 0, int requeues = 0)
    {
        Message = message;
        Sender = sender;
        Ident = ident;
        Requeues = requeues;
    }

    /// <summary>The message sent to the troupe.</summary>
    public object Message { get; }

    /// <summary>Who sent it to the troupe (the worker sees this as the sender).</summary>
    public ActorAddress Sender { get; }

    /// <summary>The manager's number for this piece of work.</summary>
    public long Ident { get; }

    /// <summary>How many times the work has been re-queued because the worker holding it died.</summary>
    public int Requeues { get; }

    /// <summary>The same work, counted as re-queued once more.</summary>
    public TroupeWork Requeued() => new(Message, Sender, Ident, Requeues + 1);
}

/// <summary>A worker tells its troupe manager it has finished its work and can take more.</summary>
internal sealed class TroupeWorkerIdle : ActorSystemMessage
{
    public static readonly TroupeWorkerIdle Instance = new();
}

/// <summary>
/// Work that could not be delivered to the worker it was handed to (the worker had stopped, or its process was gone),
/// sent back to the troupe manager (the sender of the <see cref="TroupeWork"/>) instead of becoming a dead letter.
/// </summary>
internal sealed class TroupeWorkReturned : ActorSystemMessage
{
    public TroupeWorkReturned(TroupeWork work, ActorAddress worker)
    {
        Work = work;
        Worker = worker;
    }

    /// <summary>The work as it was handed over.</summary>
    public TroupeWork Work { get; }

    /// <summary>The worker it could not reach.</summary>
    public ActorAddress Worker { get; }
}
