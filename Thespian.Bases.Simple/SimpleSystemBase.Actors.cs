using Thespian.Runtime;
using Thespian.Sources;

namespace Thespian.Bases.Simple;

internal sealed partial class SimpleSystemBase
{
    private readonly HashSet<ActorCell> _liveCells = [];
    private readonly Dictionary<string, ActorAddress> _globalNames = new(StringComparer.Ordinal);
    private ActorAddress? _sourceAuthority;
    private IActorFactory? _actorFactory;

    /// <inheritdoc cref="ISystemBase.ActorFactory" />
    public IActorFactory? ActorFactory => Volatile.Read(ref _actorFactory);

    /// <inheritdoc />
    public void UseActorFactory(IActorFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Volatile.Write(ref _actorFactory, factory);
    }

    /// <inheritdoc />
    /// <remarks>The simple base has nothing to wait for: the actor starts on the calling thread, and the task is complete when returned.</remarks>
    public Task<ActorAddress> CreateActorAsync(ActorSpec spec, object? requirements, string? globalName, string? sourceHash,
                                               CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CreateActor(spec, requirements, globalName, sourceHash));
    }

    /// <inheritdoc />
    public ActorAddress CreateActor(ActorSpec spec, object? requirements, string? globalName, string? sourceHash)
    {
        lock (_gate)
        {
            ThrowIfShutDown();
            var cell = CreateCell(creator: null, spec, globalName, sourceHash, out var failure);
            if (failure is not null)
            {
                throw new InvalidActorSpecificationException(
                    $"The actor {spec.DisplayName} could not be started: its constructor threw {failure.GetType().Name}: {failure.Message}",
                    failure);
            }

            RunUntilRest();
            return cell.Address;
        }
    }

    /// <inheritdoc />
    public ActorAddress CreateActor(ActorCell creator, ActorSpec spec, object? requirements, string? globalName,
                                    string? sourceHash)
    {
        var cell = CreateCell(creator, spec, globalName, sourceHash, out var failure);
        if (failure is not null)
        {
            _logging.RuntimeLogger.ActorStartFailed(spec.DisplayName, cell.Address, failure.GetType().Name,
                                                    failure.Message, failure);
            if (cell.Parent is { } parent)
            {
                _queue.Enqueue(new Delivery(parent, new ChildActorExited(cell.Address), cell.Address));
            }
        }

        return cell.Address;
    }

    /// <inheritdoc />
    public void ActorStopped(ActorCell cell, IReadOnlyList<ActorAddress> orphans)
    {
        _liveCells.Remove(cell);
        if (cell.GlobalName is { } name && _globalNames.TryGetValue(name, out var named) && named == cell.Address)
        {
            _globalNames.Remove(name);
        }

        _deadLetterHandlers.Remove(cell.Address);
        _sourceNotified.Remove(cell.Address);
        SourceActorStopped(cell);
        if (_sourceAuthority == cell.Address)
        {
            _sourceAuthority = null;
        }

        foreach (var orphan in orphans)
        {
            if (orphan.LocalTarget is ActorCell child)
            {
                child.Parent = null;
            }
        }

        if (cell.Parent is { } parent && !_shuttingDown)
        {
            _queue.Enqueue(new Delivery(parent, new ChildActorExited(cell.Address), cell.Address));
        }
    }

    /// <inheritdoc />
    public void RegisterSourceAuthority(ActorCell cell) => _sourceAuthority = cell.Address;

    private ActorCell CreateCell(ActorCell? creator, ActorSpec spec, string? globalName, string? sourceHash,
                                 out Exception? failure)
    {
        // A name held already returns its holder, whatever type the create names (as in Python): nothing is resolved.
        if (globalName is not null && _globalNames.TryGetValue(globalName, out var existing) && IsLive(existing))
        {
            failure = null;
            return (ActorCell)existing.LocalTarget!;
        }

        // The common case, a type from the actor path and no source, skips the source catalog altogether.
        var type = sourceHash is null && spec.Type is { IsCollectible: false } given ? given : _sources.Resolve(spec, sourceHash);
        var typeInfo = _actorFactory is null ? ActorTypeInfo.Get(type) : ActorTypeInfo.GetForFactory(type);
        sourceHash = SourceLoadContext.SourceHashOf(type);

        var cell = ActorCellFactory.Create(this, creator, typeInfo, globalName, sourceHash, out failure);
        if (failure is not null)
        {
            return cell;
        }

        if (cell.SourceHash is { } hash)
        {
            _sources.ActorStarted(hash);
        }

        _liveCells.Add(cell);
        if (globalName is not null)
        {
            _globalNames[globalName] = cell.Address;
        }

        return cell;
    }

    private static bool IsLive(ActorAddress address) => address.LocalTarget is ActorCell { IsRunning: true };

    private ThespianSystemStatus BuildStatus() => new(
        SystemAddress,
        Capabilities,
        conventionLeader: null,
        conventionMembers: [],
        globalNames: new Dictionary<string, ActorAddress>(_globalNames, StringComparer.Ordinal),
        deadLetterHandlers: _deadLetterHandlers.ToArray(),
        sourceAuthority: _sourceAuthority,
        loadedSources: LoadedSourceHashes(),
        actorCount: _liveCells.Count);
}
