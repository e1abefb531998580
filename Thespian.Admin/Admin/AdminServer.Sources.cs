using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Sources;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

internal sealed partial class AdminServer
{
    private readonly Dictionary<string, StoredSource> _sources = new(StringComparer.Ordinal);

    /// <summary>
    /// A source load: with no authority it is ignored (the hash comes back, but nothing can be created
    /// from it); with one, the authority gets <see cref="ValidateSource"/> and its answer decides.
    /// </summary>
    private void HandleLoadSource(LoadSourceRequest request, Envelope envelope)
    {
        var hash = SourceFiles.Hash(request.Data);
        if (_sourceAuthority is { } authority)
        {
            SendSystemMessage(SystemAddress, authority, new ValidateSource(hash, request.Data));
        }
        else
        {
            _logger.SourceIgnoredNoAuthority(hash);
        }

        _node.Reply(envelope, new ControlReply(request.RequestId, Message: hash));
    }

    private void HandleUnloadSource(UnloadSourceRequest request, Envelope envelope)
    {
        if (_sources.Remove(request.SourceHash, out var source))
        {
            _logger.SourceUnloading(request.SourceHash, "; actors of it that run keep running in their own processes");
            foreach (var listener in _sourceListeners)
            {
                SendSystemMessage(SystemAddress, listener, new UnloadedSource(request.SourceHash, source.Info));
            }
        }

        _node.Reply(envelope, new ControlReply(request.RequestId));
        PassUnloadOn(request);
    }

    private void HandleValidatedSource(ValidatedSource validated, ActorAddress sender)
    {
        if (sender != _sourceAuthority)
        {
            _logger.ValidatedSourceFromStranger(validated.SourceHash, sender);
            return;
        }

        if (validated.SourceZip is null)
        {
            _logger.SourceRejected(validated.SourceHash, sender);
            FailAwaitingSource(validated.SourceHash, $"this system's source authority rejected the source {validated.SourceHash}");
            return;
        }

        try
        {
            // Read, never loaded: the admin runs no user code. Hosts load the zip when they run an actor of it.
            _ = SourceZipReader.Read(validated.SourceZip);
        }
        catch (InvalidActorSourceException ex)
        {
            _logger.SourceUnusable(validated.SourceHash, ex.Message);
            return;
        }

        StoreSource(validated.SourceHash, validated.SourceZip, validated.SourceInfo);
    }

    /// <summary>Keeps a validated source, tells the listeners, and runs the creates that waited for it.</summary>
    private void StoreSource(string hash, byte[] zip, string? info)
    {
        _sources[hash] = new StoredSource(zip, info);
        _logger.SourceLoaded(hash, zip.Length);
        foreach (var listener in _sourceListeners)
        {
            SendSystemMessage(SystemAddress, listener, new LoadedSource(hash, info));
        }

        RunAwaitingSource(hash);
    }

    /// <summary>Tells a new listener about every source loaded already (as Python does when it registers).</summary>
    private void SendLoadedSources(ActorAddress listener)
    {
        foreach (var (hash, source) in _sources)
        {
            SendSystemMessage(SystemAddress, listener, new LoadedSource(hash, source.Info));
        }
    }

    /// <summary>An error for a create that names a source this system does not have, or null.</summary>
    private ControlReply? CheckSourceHash(CreateActorRequest request) =>
        request.SourceHash is { } hash && !_sources.ContainsKey(hash)
            ? new ControlReply(request.RequestId, ControlErrorKind.InvalidSourceHash,
                $"No loaded actor source has the hash '{hash}'. Load it with LoadActorSource and wait until the " +
                "source authority has validated it (LoadedSource, or ThespianSystemStatus.LoadedSources).")
            : null;
}

/// <summary>A validated source as the admin keeps it: the bytes hosts load, and what its authority said.</summary>
internal sealed record StoredSource(byte[] Zip, string? Info);
