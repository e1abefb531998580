namespace Thespian.Runtime;

/// <summary>
/// What an actor cell needs from the system base that runs it. The simple base implements it
/// in-process; a multiproc actor host implements it over its transport. The runtime in this folder
/// knows nothing else about the base.
/// </summary>
internal interface IActorRuntime
{
    /// <summary>The name of the running base (for messages).</summary>
    string BaseName { get; }

    /// <summary>The address of the system itself (status requests, system-originated messages).</summary>
    ActorAddress SystemAddress { get; }

    /// <summary>The logging set up for this system.</summary>
    ThespianLogging Logging { get; }

    /// <summary>
    /// The factory the system constructs actors with (null: each type's assembly factory, else its parameterless
    /// constructor). Multiproc actor hosts have none: there, assemblies name theirs with <see cref="ActorFactoryAttribute"/>.
    /// </summary>
    IActorFactory? ActorFactory => null;

    /// <summary>A message sent by an actor with <c>Send</c>.</summary>
    void Send(ActorCell sender, ActorAddress target, object message);

    /// <summary>A message the system sends on an actor's behalf (poison returns, exit propagation, status).</summary>
    void SendSystem(ActorAddress from, ActorAddress target, object message);

    /// <summary>
    /// Creates a child (or named) actor for <paramref name="creator"/>; returns at once. The caller
    /// (<see cref="Actor"/>) records the new address as the creator's child; a base whose new actor fails to
    /// start sends the creator a <see cref="ChildActorExited"/> for it.
    /// </summary>
    ActorAddress CreateActor(ActorCell creator, ActorSpec spec, object? requirements, string? globalName,
                             string? sourceHash);

    /// <summary>Schedules a <see cref="WakeupMessage"/> for the cell.</summary>
    void WakeupAfter(ActorCell cell, TimeSpan period, object? payload);

    /// <summary>Registers or deregisters the cell as a dead-letter handler.</summary>
    void HandleDeadLetters(ActorCell cell, bool enable);

    /// <summary>Registers or deregisters the cell for convention updates.</summary>
    void NotifyOnSystemRegistrationChanges(ActorCell cell, bool enable);

    /// <summary>Registers or deregisters the cell for source availability notifications.</summary>
    void NotifyOnSourceAvailability(ActorCell cell, bool enable);

    /// <summary>Makes the cell the source authority.</summary>
    void RegisterSourceAuthority(ActorCell cell);

    /// <summary>Loads a source zip on an actor's behalf; returns its hash.</summary>
    string LoadActorSource(ActorCell cell, byte[] zipData);

    /// <summary>Unloads a source on an actor's behalf.</summary>
    void UnloadActorSource(ActorCell cell, string sourceHash);

    /// <summary>Changes (or, with null, removes) a capability on an actor's behalf.</summary>
    void UpdateCapability(ActorCell cell, string capabilityName, object? capabilityValue);

    /// <summary>Registers a remote system by its transport address.</summary>
    void PreRegisterRemoteSystem(ActorCell cell, string remoteAddress, IDictionary<string, object?>? capabilities);

    /// <summary>Deregisters a remote system by its transport address.</summary>
    void DeRegisterRemoteSystem(ActorCell cell, string remoteAddress);

    /// <summary>Deregisters a remote system by its admin's address.</summary>
    void DeRegisterRemoteSystem(ActorCell cell, ActorAddress remoteAdminAddress);

    /// <summary>Shuts the whole system down once the current message is handled.</summary>
    void ActorSystemShutdown(ActorCell cell);

    /// <summary>Watches file descriptors for the cell until its next message.</summary>
    void Watch(ActorCell cell, ThespianWatch watch);

    /// <summary>
    /// The cell has stopped: forget it, tell its parent, and adopt <paramref name="orphans"/> (children left
    /// running by a non-recursive exit) as top-level actors.
    /// </summary>
    void ActorStopped(ActorCell cell, IReadOnlyList<ActorAddress> orphans);

    /// <summary>A message that could not be delivered: hand it to the dead-letter handlers.</summary>
    void DeadLetter(ActorAddress deadAddress, object message, ActorAddress sender);
}
