namespace Thespian;

/// <summary>
/// The status of an actor system, the answer to a <see cref="ThespianStatusRequest"/> sent to
/// <see cref="ActorSystem.SystemAddress"/>. Informational: do not build logic on its exact content.
/// Python name: <c>Thespian_SystemStatus</c>.
/// </summary>
public sealed class ThespianSystemStatus : ActorSystemMessage
{
    /// <summary>Creates the status.</summary>
    /// <param name="adminAddress">The address of the system (its admin on multiproc bases).</param>
    /// <param name="capabilities">The system's capabilities.</param>
    /// <param name="conventionLeader">The convention leader's admin, if the system is in a convention.</param>
    /// <param name="conventionMembers">The admins of the other members of the convention.</param>
    /// <param name="globalNames">Every live named actor, by name.</param>
    /// <param name="deadLetterHandlers">The actors registered to receive dead letters.</param>
    /// <param name="sourceAuthority">The registered source authority, if any.</param>
    /// <param name="loadedSources">The hashes of the validated, loaded sources.</param>
    /// <param name="actorCount">How many actors are running.</param>
    public ThespianSystemStatus(ActorAddress adminAddress,
                                IReadOnlyDictionary<string, object?> capabilities,
                                ActorAddress? conventionLeader,
                                IReadOnlyList<ActorAddress> conventionMembers,
                                IReadOnlyDictionary<string, ActorAddress> globalNames,
                                IReadOnlyList<ActorAddress> deadLetterHandlers,
                                ActorAddress? sourceAuthority,
                                IReadOnlyList<string> loadedSources,
                                int actorCount)
    {
        ArgumentNullException.ThrowIfNull(adminAddress);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(conventionMembers);
        ArgumentNullException.ThrowIfNull(globalNames);
        ArgumentNullException.ThrowIfNull(deadLetterHandlers);
        ArgumentNullException.ThrowIfNull(loadedSources);
        AdminAddress = adminAddress;
        Capabilities = capabilities;
        ConventionLeader = conventionLeader;
        ConventionMembers = conventionMembers;
        GlobalNames = globalNames;
        DeadLetterHandlers = deadLetterHandlers;
        SourceAuthority = sourceAuthority;
        LoadedSources = loadedSources;
        ActorCount = actorCount;
    }

    /// <summary>The address of the system itself (the admin on multiproc bases).</summary>
    public ActorAddress AdminAddress { get; }

    /// <summary>The system's capabilities at the time of the request.</summary>
    public IReadOnlyDictionary<string, object?> Capabilities { get; }

    /// <summary>The convention leader's admin address, or null outside a convention.</summary>
    public ActorAddress? ConventionLeader { get; }

    /// <summary>The admin addresses of the convention's other members.</summary>
    public IReadOnlyList<ActorAddress> ConventionMembers { get; }

    /// <summary>Every live named actor, by global name.</summary>
    public IReadOnlyDictionary<string, ActorAddress> GlobalNames { get; }

    /// <summary>The actors registered with <c>HandleDeadLetters</c>.</summary>
    public IReadOnlyList<ActorAddress> DeadLetterHandlers { get; }

    /// <summary>The registered source authority, or null.</summary>
    public ActorAddress? SourceAuthority { get; }

    /// <summary>The hashes of the sources that are validated and loaded.</summary>
    public IReadOnlyList<string> LoadedSources { get; }

    /// <summary>How many actors are running (troupe workers included).</summary>
    public int ActorCount { get; }
}
