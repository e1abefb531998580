namespace Thespian.Multiproc;

/// <summary>One system of a convention as the others see it: its admin's address and endpoint, and its capabilities.</summary>
internal sealed record ConventionMemberInfo(ActorAddress Admin, string Endpoint, IReadOnlyDictionary<string, object?> Capabilities);

/// <summary>
/// Admin → each listed leader, every check-in period (and at once when its capabilities change): "I am here, with
/// these capabilities". <paramref name="KnownVersion"/> is the version of the leader's table the member holds; the
/// leader sends its members only when it differs. <paramref name="Period"/> is the member's check-in period, so the
/// leader knows when the member's silence means it is lost.
/// </summary>
internal sealed record ConventionCheckIn(long RequestId, ConventionMemberInfo Member, long KnownVersion, TimeSpan Period)
    : IControlRequest;

/// <summary>
/// A leader's answer to <see cref="ConventionCheckIn"/> (and, with request id 0 inside <see cref="ConventionTableChanged"/>,
/// its news): itself, the version of its table, whether that table is settled (the leader has run for longer than a
/// check-in period, so every live member has had the chance to check in), and its members when the version differs
/// from the one the member holds (null otherwise).
/// </summary>
internal sealed record ConventionTable(long RequestId, ConventionMemberInfo Leader, long Version, bool Settled,
                                       IReadOnlyList<ConventionMemberInfo>? Members) : IControlAnswer;

/// <summary>Leader → every member, the moment its table changes (a join, a capability change, a loss); answered with a <see cref="ControlReply"/>.</summary>
internal sealed record ConventionTableChanged(long RequestId, ConventionTable Table) : IControlRequest;

/// <summary>An admin leaving the convention (shutting down, or de-registered): members drop it at once, not after missed check-ins.</summary>
internal sealed record ConventionLeave(ActorAddress Admin) : IControlMessage;

/// <summary>Admin that ran a forwarded create → the admin that forwarded it: that actor has stopped.</summary>
internal sealed record ConventionActorStopped(ActorAddress Address) : IControlMessage;

/// <summary>
/// An admin → the convention leader: "give <paramref name="Name"/> to <paramref name="Address"/>, created by
/// <paramref name="Owner"/>". Answered with a <see cref="ControlReply"/> whose address is the name's holder (the
/// requester's actor if the name was free) and whose endpoint is the holder's admin.
/// </summary>
internal sealed record GlobalNameClaim(long RequestId, string Name, ActorAddress Address, ActorAddress Owner) : IControlRequest;

/// <summary>An admin → the convention leader: the actor holding <paramref name="Name"/> has stopped; the name is free.</summary>
internal sealed record GlobalNameRelease(string Name, ActorAddress Address) : IControlMessage;

/// <summary>Host → admin: invite the system at <paramref name="Endpoint"/> into this admin's convention.</summary>
internal sealed record PreRegisterRequest(long RequestId, string Endpoint, IReadOnlyDictionary<string, object?>? Capabilities)
    : IControlRequest;

/// <summary>Host → admin: remove a system from this admin's convention (by its endpoint or its admin's address).</summary>
internal sealed record DeRegisterRequest(long RequestId, string? Endpoint, ActorAddress? Admin) : IControlRequest;

/// <summary>
/// A leader → a pre-registered system: check in with me (at <paramref name="LeaderEndpoint"/>) as you would with a
/// listed leader. With <paramref name="Withdrawn"/>, the invitation ends: stop checking in.
/// </summary>
internal sealed record ConventionInvite(string LeaderEndpoint, bool Withdrawn = false) : IControlMessage;

/// <summary>
/// Admin → the admin that forwarded it a create from a source it lacks: send me that validated source. Answered with a
/// <see cref="SourceFetchReply"/>, or a <see cref="ControlReply"/> saying why not.
/// </summary>
internal sealed record SourceFetchRequest(long RequestId, string SourceHash) : IControlRequest;

/// <summary>The answer to <see cref="SourceFetchRequest"/>: the validated zip and what its authority said of it.</summary>
internal sealed record SourceFetchReply(long RequestId, byte[] Zip, string? Info) : IControlAnswer;

/// <summary>A member's admin → its convention leader: a record of Warning or above from the member, for the leader's log.</summary>
internal sealed record ConventionLogRecord(ActorAddress Admin, string Endpoint, int Level, string Category, int EventId, string Message)
    : IControlMessage;

/// <summary>Client (the command line) → admin: what do you know of your convention's systems?</summary>
internal sealed record ConventionInfoRequest(long RequestId) : IControlRequest;

/// <summary>One system of the convention as an admin reports it: when it last heard from it directly (null: only through the leader).</summary>
internal sealed record ConventionMemberReport(ConventionMemberInfo Member, bool IsLeader, double? SecondsSinceHeard);

/// <summary>The admin's answer to <see cref="ConventionInfoRequest"/>.</summary>
internal sealed record ConventionInfoReply(long RequestId, IReadOnlyList<ConventionMemberReport> Systems) : IControlAnswer;
