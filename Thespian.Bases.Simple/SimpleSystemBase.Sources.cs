using Thespian.Runtime;
using Thespian.Sources;

namespace Thespian.Bases.Simple;

internal sealed partial class SimpleSystemBase
{
    private readonly SourceCatalog _sources = new();
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

            // As in Python: the sources loaded already are announced at once, then each later load.
            foreach (var source in _sources.Available)
            {
                _queue.Enqueue(new Delivery(cell.Address, new LoadedSource(source.Hash, source.Info), SystemAddress));
            }
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

        if (validated.SourceZip is null)
        {
            _logging.RuntimeLogger.SourceRejected(validated.SourceHash, sender);
            return;
        }

        try
        {
            _ = _sources.Load(validated.SourceHash, validated.SourceZip, validated.SourceInfo);
        }
        catch (InvalidActorSourceException ex)
        {
            _logging.RuntimeLogger.SourceUnusable(validated.SourceHash, ex.Message);
            return;
        }

        _logging.RuntimeLogger.SourceLoaded(validated.SourceHash, validated.SourceZip.Length);
        foreach (var listener in _sourceNotified)
        {
            _queue.Enqueue(new Delivery(listener, new LoadedSource(validated.SourceHash, validated.SourceInfo), SystemAddress));
        }
    }

    private void Unload(string sourceHash)
    {
        if (_sources.Unload(sourceHash) is not { } source)
        {
            return;
        }

        _logging.RuntimeLogger.SourceUnloading(sourceHash, source.IsUnloaded ? "; its load context has been unloaded" : $"; {source.LiveActors} of its actors still run");
        foreach (var listener in _sourceNotified)
        {
            _queue.Enqueue(new Delivery(listener, new UnloadedSource(sourceHash, source.Info), SystemAddress));
        }
    }

    private void SourceActorStopped(ActorCell cell)
    {
        if (cell.SourceHash is not null && _sources.ActorStopped(cell.SourceHash))
        {
            _logging.RuntimeLogger.SourceContextUnloaded(cell.SourceHash!);
        }
    }

    private string[] LoadedSourceHashes() => _sources.AvailableHashes;
}
