using Thespian.Runtime;

namespace Thespian.Bases.Simple;

internal sealed partial class SimpleSystemBase
{
    private readonly Dictionary<string, string?> _validatedSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaitingValidation = new(StringComparer.Ordinal);
    private readonly List<ActorAddress> _sourceNotified = [];

    /// <inheritdoc />
    public string LoadActorSource(byte[] zipData)
    {
        lock (_gate)
        {
            ThrowIfShutDown();
            var hash = RequestValidation(zipData);
            RunUntilRest();
            return hash;
        }
    }

    /// <inheritdoc />
    public string LoadActorSource(ActorCell cell, byte[] zipData) => RequestValidation(zipData);

    /// <inheritdoc />
    public void UnloadActorSource(string sourceHash)
    {
        lock (_gate)
        {
            ThrowIfShutDown();
            Unload(sourceHash);
            RunUntilRest();
        }
    }

    /// <inheritdoc />
    public void UnloadActorSource(ActorCell cell, string sourceHash) => Unload(sourceHash);

    /// <inheritdoc />
    public void NotifyOnSourceAvailability(ActorCell cell, bool enable)
    {
        _sourceNotified.Remove(cell.Address);
        if (enable)
        {
            _sourceNotified.Add(cell.Address);
        }
    }

    private string RequestValidation(byte[] zipData)
    {
        var hash = SourceFiles.Hash(zipData);
        if (_sourceAuthority is null)
        {
            _logging.RuntimeLogger.SourceIgnoredNoAuthority(hash);
            return hash;
        }

        _awaitingValidation.Add(hash);
        _queue.Enqueue(new Delivery(_sourceAuthority, new ValidateSource(hash, zipData), SystemAddress));
        return hash;
    }

    private void AcceptValidatedSource(ValidatedSource validated, ActorAddress sender)
    {
        if (sender != _sourceAuthority)
        {
            _logging.RuntimeLogger.ValidatedSourceFromStranger(validated.SourceHash, sender);
            return;
        }

        _awaitingValidation.Remove(validated.SourceHash);
        if (validated.SourceZip is null)
        {
            _logging.RuntimeLogger.SourceRejected(validated.SourceHash, sender);
            return;
        }

        _validatedSources[validated.SourceHash] = validated.SourceInfo;
        foreach (var listener in _sourceNotified)
        {
            _queue.Enqueue(new Delivery(listener, new LoadedSource(validated.SourceHash, validated.SourceInfo), SystemAddress));
        }
    }

    private void Unload(string sourceHash)
    {
        if (!_validatedSources.Remove(sourceHash, out var info))
        {
            return;
        }

        foreach (var listener in _sourceNotified)
        {
            _queue.Enqueue(new Delivery(listener, new UnloadedSource(sourceHash, info), SystemAddress));
        }
    }

    private Type ResolveType(ActorSpec spec, string? sourceHash)
    {
        if (sourceHash is not null && !_validatedSources.ContainsKey(sourceHash))
        {
            throw new InvalidActorSourceHashException(
                $"No loaded actor source has the hash '{sourceHash}'. Load it with LoadActorSource and wait until the " +
                "source authority has validated it (LoadedSource, or ThespianSystemStatus.LoadedSources).");
        }

        return spec.Type ?? ActorTypeResolver.Resolve(spec.TypeName!);
    }

    private string[] LoadedSourceHashes() => _validatedSources.Keys.ToArray();
}
