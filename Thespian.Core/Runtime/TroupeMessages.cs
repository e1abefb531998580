namespace Thespian.Runtime;

/// <summary>A message handed by a troupe manager to a worker, with its original sender.</summary>
internal sealed class TroupeWork : ActorSystemMessage
{
    public TroupeWork(object message, ActorAddress sender)
    {
        Message = message;
        Sender = sender;
    }

    /// <summary>The message sent to the troupe.</summary>
    public object Message { get; }

    /// <summary>Who sent it to the troupe (the worker sees this as the sender).</summary>
    public ActorAddress Sender { get; }
}

/// <summary>A worker tells its troupe manager it has finished its work and can take more.</summary>
internal sealed class TroupeWorkerIdle : ActorSystemMessage
{
    public static readonly TroupeWorkerIdle Instance = new();
}
