namespace Thespian;

/// <summary>
/// Asks an actor to exit. The actor receives it in <c>ReceiveMessage</c> to clean up, cannot refuse,
/// and is stopped when that call returns. By default the request is passed on to every child too.
/// Python name: <c>ActorExitRequest</c>.
/// </summary>
public sealed class ActorExitRequest : ActorSystemMessage
{
    /// <summary>Creates an exit request.</summary>
    /// <param name="recursive">Whether the children of the actor are asked to exit as well.</param>
    public ActorExitRequest(bool recursive = true)
    {
        IsRecursive = recursive;
    }

    /// <summary>Whether the request is passed on to every child of the actor after it has been handled.</summary>
    public bool IsRecursive { get; private set; }

    /// <summary>Keeps this request from being passed on to the actor's children: they live on.</summary>
    public void NotRecursive() => IsRecursive = false;
}
