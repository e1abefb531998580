namespace Thespian.Runtime;

/// <summary>
/// Makes and starts the cell for a new actor, the same way on every base: a troupe type gets a
/// <see cref="TroupeManager"/> at its address (its workers are plain cells that report to it), a named
/// actor's parent is the system, any other actor's parent is its creator.
/// </summary>
internal static class ActorCellFactory
{
    /// <summary>Creates and starts a cell. <paramref name="startFailure"/> is the constructor's exception, if it threw.</summary>
    public static ActorCell Create(IActorRuntime runtime, ActorCell? creator, ActorTypeInfo typeInfo,
                                   string? globalName, string? sourceHash, out Exception? startFailure)
    {
        var address = ActorAddress.CreateNew();
        var parent = globalName is null ? creator?.Address : null;
        var isWorker = creator?.Actor is TroupeManager manager && manager.WorkerType == typeInfo.Type;
        if (typeInfo.Troupe is { } troupe && !isWorker)
        {
            var managerCell = new ActorCell(runtime, address, ActorTypeInfo.Get(typeof(TroupeManager)), parent,
                                            globalName, sourceHash);
            startFailure = managerCell.Start();
            ((TroupeManager?)managerCell.Actor)?.Configure(typeInfo, troupe);
            return managerCell;
        }

        var cell = new ActorCell(runtime, address, typeInfo, parent, globalName, sourceHash,
                                 troupeLeader: isWorker ? creator!.Address : null);
        startFailure = cell.Start();
        return cell;
    }
}
