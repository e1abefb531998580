using Thespian.Wire;

namespace Thespian.Admin.Admin;

/// <summary>Where an actor is in its life, as the admin sees it.</summary>
internal enum ActorRecordState
{
    Starting,
    Running,
    Stopped,
}

/// <summary>The admin's registry entry for one actor.</summary>
internal sealed class ActorRecord(ActorAddress address, string typeName, ActorAddress? parent, string? globalName,
                                  string? sourceHash)
{
    public ActorAddress Address { get; } = address;

    public string TypeName { get; } = typeName;

    public ActorAddress? Parent { get; set; } = parent;

    public string? GlobalName { get; } = globalName;

    public string? SourceHash { get; } = sourceHash;

    public ActorRecordState State { get; set; } = ActorRecordState.Starting;

    public HostProcess? Host { get; set; }

    /// <summary>Where the actor receives: its host's endpoint, or for an actor placed on another system, the endpoint it got there.</summary>
    public string? Endpoint => RemoteEndpoint ?? Host?.Endpoint;

    /// <summary>For an actor this admin placed on another system of its convention: that system's admin.</summary>
    public ActorAddress? PlacedOn { get; set; }

    /// <summary>For an actor placed on another system: its endpoint there.</summary>
    public string? RemoteEndpoint { get; set; }

    /// <summary>The systems asked to run it after this one's capabilities did not pass (each is asked once).</summary>
    public HashSet<ActorId> TriedMembers { get; } = [];

    /// <summary>For an actor this admin runs for another system of its convention: that system's admin (told when it stops).</summary>
    public ActorAddress? ForwardedBy { get; init; }

    /// <summary>Create requests answered once the actor runs (or fails).</summary>
    public List<Waiter> CreateWaiters { get; } = [];

    /// <summary>Resolve requests answered once the actor runs (or fails).</summary>
    public List<Waiter> ResolveWaiters { get; } = [];
}

/// <summary>A control request waiting for its answer: where it came from, and the id the answer must carry.</summary>
internal readonly record struct Waiter(Envelope Request, long RequestId);
