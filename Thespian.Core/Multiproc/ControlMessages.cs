namespace Thespian.Multiproc;

/// <summary>Marks the control records Thespian processes exchange; only these (and Thespian's messages) may travel as control.</summary>
internal interface IControlMessage;

/// <summary>A control record that expects a <see cref="ControlReply"/> with the same request id.</summary>
internal interface IControlRequest : IControlMessage
{
    long RequestId { get; }
}

/// <summary>A control record that answers an <see cref="IControlRequest"/> (matched to it by request id).</summary>
internal interface IControlAnswer : IControlMessage
{
    long RequestId { get; }
}

/// <summary>The answer to a control request: success, or an error of a known kind with a message.</summary>
internal sealed record ControlReply(long RequestId, ControlErrorKind Error = ControlErrorKind.None, string? Message = null,
                                   ActorAddress? Address = null, string? Endpoint = null) : IControlAnswer
{
    public bool Succeeded => Error == ControlErrorKind.None;
}

/// <summary>Which exception a failed control request becomes on the requesting side.</summary>
internal enum ControlErrorKind
{
    None,
    InvalidActorSpecification,
    NoCompatibleSystem,
    InvalidSourceHash,
    InvalidArgument,
    ShuttingDown,
    Failure,
}

/// <summary>
/// Client or host → admin: create an actor (the id is chosen by the requester). Admin → admin in a convention, with
/// <paramref name="ForwardedBy"/>: the forwarding admin's own capabilities did not pass; run it here or say why not
/// (never forward it again). <paramref name="Requirements"/> are the type's capability attributes when the requester knows
/// the type (<see cref="CapabilityRequirement"/>). With <paramref name="AnswerOnceDecided"/> (a named create from inside an
/// actor) the admin answers as soon as the name's holder is decided, with no endpoint while that actor is still starting;
/// otherwise once the actor runs.
/// </summary>
internal sealed record CreateActorRequest(long RequestId, ActorAddress Address, string TypeName, ActorAddress? Parent,
                                          string? GlobalName, string? SourceHash, string? RequirementsJson,
                                          ActorAddress? TroupeLeader, string? ApplicationFolder,
                                          ActorAddress? ForwardedBy = null,
                                          IReadOnlyList<CapabilityRequirement>? Requirements = null,
                                          bool AnswerOnceDecided = false) : IControlRequest;

/// <summary>
/// Admin → host: run this actor in your process; reply when it runs (or why it cannot). With a source hash, the
/// admin sends the validated source's zip (and its authority's info) for the host to load.
/// </summary>
internal sealed record RunActorRequest(long RequestId, ActorAddress Address, string TypeName, ActorAddress? Parent,
                                       string? GlobalName, string? SourceHash, string? RequirementsJson,
                                       ActorAddress? TroupeLeader, IReadOnlyDictionary<string, object?> Capabilities,
                                       byte[]? SourceZip = null, string? SourceInfo = null)
    : IControlRequest;

/// <summary>Host → admin: this idle host is ready to run an actor.</summary>
internal sealed record HostReady(int ProcessId, string Endpoint) : IControlMessage;

/// <summary>
/// Process → its admin, just before the first message it asks the admin to relay to <paramref name="Actor"/> (an actor of
/// an "Outbound Only" system, <see cref="ActorRoute"/>): where that actor is, so the admin can pass it on. Handled as it
/// arrives, so it is known before the message that follows it on the same connection.
/// </summary>
internal sealed record RouteNotice(ActorAddress Actor, string Route) : IControlMessage;

/// <summary>
/// Admin → host, answering <see cref="HostReady"/>: opens the admin's connection to the idle host, so the connection,
/// its threads and the host's receive path are set up (and compiled) before an actor is handed over, not during it.
/// <paramref name="LikelyActorTypes"/> are the actor path's types most recently created in this system: the idle host
/// resolves them ahead of time (loads their assemblies, reads their attributes), so a create of one of them does not
/// pay for that during the hand-over. Only a hint: a name that does not resolve is ignored until a create names it.
/// </summary>
internal sealed record HostWelcome(IReadOnlyList<string> LikelyActorTypes) : IControlMessage;

/// <summary>Host → admin: the actor has stopped; orphans are children left running by a non-recursive exit.</summary>
internal sealed record ActorStoppedNotice(ActorAddress Address, IReadOnlyList<ActorAddress> Orphans) : IControlMessage;

/// <summary>Any process → admin: where does this actor live?</summary>
internal sealed record ResolveRequest(long RequestId, ActorAddress Address) : IControlRequest;

/// <summary>Host → admin: (de)register a dead-letter handler, a convention listener, a source listener, the authority.</summary>
internal sealed record RegistrationRequest(long RequestId, ActorAddress Actor, RegistrationKind Kind, bool Enable)
    : IControlRequest;

/// <summary>What <see cref="RegistrationRequest"/> registers.</summary>
internal enum RegistrationKind
{
    DeadLetters,
    ConventionUpdates,
    SourceAvailability,
    SourceAuthority,
}

/// <summary>Client or host → admin: set, change or (null) remove a capability.</summary>
internal sealed record UpdateCapabilityRequest(long RequestId, string Name, object? Value) : IControlRequest;

/// <summary>Admin → host: the capabilities changed; re-check the actor and ask it to exit if it no longer passes.</summary>
internal sealed record CapabilitiesChanged(IReadOnlyDictionary<string, object?> Capabilities) : IControlMessage;

/// <summary>Client or host → admin: shut the whole system down.</summary>
internal sealed record ShutdownRequest(long RequestId) : IControlRequest;

/// <summary>Client → admin (tests and tools): which processes does this system run?</summary>
internal sealed record ProcessesRequest(long RequestId) : IControlRequest;

/// <summary>The admin's answer to <see cref="ProcessesRequest"/>.</summary>
internal sealed record ProcessesReply(long RequestId, int AdminProcessId, IReadOnlyList<int> HostProcessIds) : IControlAnswer;

/// <summary>Client → admin: who are you (the system address, capabilities, process id)?</summary>
internal sealed record SystemInfoRequest(long RequestId) : IControlRequest;

/// <summary>The admin's answer to <see cref="SystemInfoRequest"/>.</summary>
internal sealed record SystemInfoReply(long RequestId, ActorAddress SystemAddress, string BaseName,
                                       IReadOnlyDictionary<string, object?> Capabilities, int AdminProcessId) : IControlAnswer;

/// <summary>Admin → host: the actor's parent has exited without taking it along; it is top-level now.</summary>
internal sealed record OrphanedNotice(ActorAddress Address) : IControlMessage;

/// <summary>Client or host → admin: load a source zip (the admin keeps bytes, never loaded code); answered with the hash.</summary>
internal sealed record LoadSourceRequest(long RequestId, byte[] Data) : IControlRequest;

/// <summary>
/// Client or host → admin: unload a source. Admin → the other systems of its convention, with
/// <paramref name="FromConvention"/>: the source was unloaded there; unload it here too (and pass it on no further).
/// </summary>
internal sealed record UnloadSourceRequest(long RequestId, string SourceHash, bool FromConvention = false) : IControlRequest;
