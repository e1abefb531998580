using Thespian.Runtime;

namespace Thespian.Sources;

/// <summary>
/// The sources loaded in one process (one simple system, or one actor host): loading a validated zip into its
/// own collectible context, finding actor types in a source before the actor path, counting each source's
/// running actors, and unloading a source's context once it is unloaded and its last actor has stopped.
/// Thread-safe.
/// </summary>
internal sealed class SourceCatalog
{
    private readonly Dictionary<string, ActorSource> _sources = new(StringComparer.Ordinal);

    /// <summary>Hashes of the sources new actors can be created from.</summary>
    public string[] AvailableHashes => Available.Select(s => s.Hash).ToArray();

    /// <summary>The sources new actors can be created from, in the order they were loaded.</summary>
    public ActorSource[] Available
    {
        get
        {
            lock (_sources)
            {
                return _sources.Values.Where(s => !s.IsUnloading).ToArray();
            }
        }
    }

    /// <summary>
    /// Loads a validated source into its own context. A source already loaded is kept as it is.
    /// </summary>
    /// <exception cref="InvalidActorSourceException">The zip cannot be used; nothing stays loaded.</exception>
    public ActorSource Load(string hash, byte[] zip, string? info)
    {
        lock (_sources)
        {
            if (_sources.TryGetValue(hash, out var existing) && !existing.IsUnloading)
            {
                return existing;
            }
        }

        var source = new ActorSource(hash, info, SourceLoadContext.Load(hash, zip));
        lock (_sources)
        {
            if (_sources.TryGetValue(hash, out var existing) && !existing.IsUnloading)
            {
                source.BeginUnload();
                return existing;
            }

            _sources[hash] = source;
            return source;
        }
    }

    /// <summary>Whether new actors can be created from the source.</summary>
    public bool IsAvailable(string hash)
    {
        lock (_sources)
        {
            return _sources.TryGetValue(hash, out var source) && !source.IsUnloading;
        }
    }

    /// <summary>A loaded source, available or draining, or null.</summary>
    public ActorSource? Find(string hash)
    {
        lock (_sources)
        {
            return _sources.GetValueOrDefault(hash);
        }
    }

    /// <summary>
    /// The type to create: with a source (given, or the one <paramref name="spec"/>'s type came from), its type of
    /// that name first, then the actor path.
    /// </summary>
    /// <exception cref="InvalidActorSourceHashException">The source is not loaded, or has been unloaded.</exception>
    /// <exception cref="InvalidActorSpecificationException">No type of that name on the actor path (the caller checks that a type is an actor).</exception>
    public Type Resolve(ActorSpec spec, string? sourceHash)
    {
        var hash = sourceHash ?? (spec.Type is { } given ? SourceLoadContext.SourceHashOf(given) : null);
        if (hash is null)
        {
            return spec.Type ?? ActorTypeResolver.Resolve(spec.TypeName!);
        }

        var source = RequireAvailable(hash);
        var name = spec.Type?.FullName ?? spec.TypeName!;
        return source.FindType(name) ?? spec.Type ?? ActorTypeResolver.Resolve(name);
    }

    /// <summary>An actor of the source started in this process.</summary>
    public void ActorStarted(string hash)
    {
        lock (_sources)
        {
            if (_sources.TryGetValue(hash, out var source))
            {
                source.ActorStarted();
            }
        }
    }

    /// <summary>An actor of the source stopped; returns true when that let the source's context unload.</summary>
    public bool ActorStopped(string hash)
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue(hash, out var source) || !source.ActorStopped())
            {
                return false;
            }

            _sources.Remove(hash);
            return true;
        }
    }

    /// <summary>
    /// Stops new creations from the source; its context unloads now, or once its last actor stops. Returns the
    /// source, or null when no available source has that hash.
    /// </summary>
    public ActorSource? Unload(string hash)
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue(hash, out var source) || source.IsUnloading)
            {
                return null;
            }

            if (source.BeginUnload())
            {
                _sources.Remove(hash);
            }

            return source;
        }
    }

    /// <summary>Unloads every source's context (the system is shutting down).</summary>
    public void UnloadAll()
    {
        lock (_sources)
        {
            foreach (var source in _sources.Values)
            {
                source.BeginUnload();
                source.ForceUnload();
            }

            _sources.Clear();
        }
    }

    private ActorSource RequireAvailable(string hash)
    {
        lock (_sources)
        {
            if (_sources.TryGetValue(hash, out var source) && !source.IsUnloading)
            {
                return source;
            }
        }

        throw new InvalidActorSourceHashException(
            $"No loaded actor source has the hash '{hash}'. Load it with LoadActorSource and wait until the source " +
            "authority has validated it (LoadedSource, or ThespianSystemStatus.LoadedSources); a source that has been " +
            "unloaded allows no new actors.");
    }
}
