namespace Thespian.Runtime;

/// <summary>
/// Makes and starts the cell for a new actor, the same way on every base: a troupe type gets a
/// <see cref="TroupeManager"/> at its address (its workers are plain cells that report to it), a named
/// actor's parent is the system, any other actor's parent is its creator.
/// </summary>
internal static class ActorCellFactory
{
    /// <summary>
    /// Creates and starts a cell for an actor created in this process by <paramref name="creator"/> (null for
    /// the system). <paramref name="startFailure"/> is the constructor's exception, if it threw.
    /// </summary>
    public static ActorCell Create(IActorRuntime runtime, ActorCell? creator, ActorTypeInfo typeInfo,
                                   string? globalName, string? sourceHash, out Exception? startFailure)
    {
        var parent = globalName is null ? creator?.Address : null;
        var troupeLeader = IsTroupeWorkerOf(creator, typeInfo.Type) ? creator!.Address : null;
        return Create(runtime, ActorAddress.CreateNew(), typeInfo, parent, globalName, sourceHash, troupeLeader,
                      out startFailure);
    }

    /// <summary>
    /// Creates and starts a cell at a given address. A troupe type without <paramref name="troupeLeader"/>
    /// becomes a troupe (a manager); with one, it is a worker reporting to that leader.
    /// </summary>
    public static ActorCell Create(IActorRuntime runtime, ActorAddress address, ActorTypeInfo typeInfo,
                                   ActorAddress? parent, string? globalName, string? sourceHash,
                                   ActorAddress? troupeLeader, out Exception? startFailure)
    {
        if (typeInfo.Troupe is { } troupe && troupeLeader is null)
        {
            var managerCell = new ActorCell(runtime, address, ActorTypeInfo.Get(typeof(TroupeManager)), parent,
                                            globalName, sourceHash);
            startFailure = managerCell.Start();
            ((TroupeManager?)managerCell.Actor)?.Configure(typeInfo, troupe);
            return managerCell;
        }

        var cell = new ActorCell(runtime, address, typeInfo, parent, globalName, sourceHash, troupeLeader);
        startFailure = cell.Start();
        return cell;
    }

    /// <summary>Whether an actor of <paramref name="type"/> made by <paramref name="creator"/> is one of its troupe's workers.</summary>
    public static bool IsTroupeWorkerOf(ActorCell? creator, Type? type) =>
        creator?.Actor is TroupeManager manager && manager.WorkerType == type;
}
