namespace Thespian;

/// <summary>
/// The status of one actor, the answer to a <see cref="ThespianStatusRequest"/> sent to its address.
/// The system answers; the actor's code is not involved. Informational: do not build logic on its
/// exact content. Python name: <c>Thespian_ActorStatus</c>.
/// </summary>
public sealed class ThespianActorStatus : ActorSystemMessage
{
    /// <summary>Creates the status.</summary>
    /// <param name="actorAddress">The actor's address.</param>
    /// <param name="actorType">The actor's type name (namespace-qualified).</param>
    /// <param name="parentAddress">The actor's parent, or null for top-level and named actors.</param>
    /// <param name="childActors">The actor's live children.</param>
    /// <param name="messagesReceived">How many messages the actor has received.</param>
    /// <param name="messagesSent">How many messages the actor has sent.</param>
    /// <param name="pendingWakeups">How many wakeups are scheduled and not yet delivered.</param>
    public ThespianActorStatus(ActorAddress actorAddress,
                               string actorType,
                               ActorAddress? parentAddress,
                               IReadOnlyList<ActorAddress> childActors,
                               long messagesReceived,
                               long messagesSent,
                               int pendingWakeups)
    {
        ArgumentNullException.ThrowIfNull(actorAddress);
        ArgumentNullException.ThrowIfNull(actorType);
        ArgumentNullException.ThrowIfNull(childActors);
        ActorAddress = actorAddress;
        ActorType = actorType;
        ParentAddress = parentAddress;
        ChildActors = childActors;
        MessagesReceived = messagesReceived;
        MessagesSent = messagesSent;
        PendingWakeups = pendingWakeups;
    }

    /// <summary>The actor's address.</summary>
    public ActorAddress ActorAddress { get; }

    /// <summary>The actor's type name, namespace-qualified.</summary>
    public string ActorType { get; }

    /// <summary>The actor's parent, or null for top-level and named actors.</summary>
    public ActorAddress? ParentAddress { get; }

    /// <summary>The actor's live children.</summary>
    public IReadOnlyList<ActorAddress> ChildActors { get; }

    /// <summary>How many messages the actor has received (status requests not counted).</summary>
    public long MessagesReceived { get; }

    /// <summary>How many messages the actor has sent.</summary>
    public long MessagesSent { get; }

    /// <summary>How many wakeups are scheduled for the actor and not yet delivered.</summary>
    public int PendingWakeups { get; }
}
