namespace Thespian;

/// <summary>
/// Tells an actor registered with <c>NotifyOnSystemRegistrationChanges</c> that a remote actor system
/// joined or left the convention. Python name: <c>ActorSystemConventionUpdate</c>.
/// </summary>
public sealed class ActorSystemConventionUpdate : ActorSystemMessage
{
    /// <summary>Creates the update.</summary>
    /// <param name="remoteAdminAddress">The address of the remote system's admin.</param>
    /// <param name="remoteCapabilities">The remote system's capabilities.</param>
    /// <param name="remoteAdded">True when the remote system joined; false when it left or stopped checking in.</param>
    public ActorSystemConventionUpdate(ActorAddress remoteAdminAddress,
                                       IReadOnlyDictionary<string, object?> remoteCapabilities,
                                       bool remoteAdded)
    {
        ArgumentNullException.ThrowIfNull(remoteAdminAddress);
        ArgumentNullException.ThrowIfNull(remoteCapabilities);
        RemoteAdminAddress = remoteAdminAddress;
        RemoteCapabilities = remoteCapabilities;
        RemoteAdded = remoteAdded;
    }

    /// <summary>The address of the remote system's admin.</summary>
    public ActorAddress RemoteAdminAddress { get; }

    /// <summary>The remote system's current capabilities.</summary>
    public IReadOnlyDictionary<string, object?> RemoteCapabilities { get; }

    /// <summary>True when the remote system joined; false when it left or was dropped for missing check-ins.</summary>
    public bool RemoteAdded { get; }
}
