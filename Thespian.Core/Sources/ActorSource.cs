using System.Reflection;

namespace Thespian.Sources;

/// <summary>
/// A validated source loaded in this process: its context, how many of its actors run here, and whether it
/// has been unloaded (no new creations; the context unloads once the last of its actors has stopped).
/// </summary>
internal sealed class ActorSource(string hash, string? info, SourceLoadContext context)
{
    private SourceLoadContext? _context = context;

    /// <summary>The source's hash.</summary>
    public string Hash { get; } = hash;

    /// <summary>What the source authority said about it.</summary>
    public string? Info { get; } = info;

    /// <summary>Actors of this source running in this process.</summary>
    public int LiveActors { get; private set; }

    /// <summary>Whether <c>UnloadActorSource</c> has been called for it.</summary>
    public bool IsUnloading { get; private set; }

    /// <summary>Whether its context has been unloaded.</summary>
    public bool IsUnloaded => _context is null;

    /// <summary>The context (null once unloaded).</summary>
    public SourceLoadContext? Context => _context;

    /// <summary>A type of the source by namespace-qualified or assembly-qualified name, or null.</summary>
    public Type? FindType(string typeName)
    {
        if (_context is not { } context)
        {
            return null;
        }

        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0)
        {
            // The named assembly of the source, else the same type name in any assembly of the source: an
            // application names types by its own assemblies, and the source's type of that name comes first.
            var assemblyName = SafeAssemblyName(typeName[(comma + 1)..].Trim());
            var assembly = assemblyName is null ? null : context.FindAssembly(assemblyName);
            typeName = typeName[..comma].Trim();
            if (assembly?.GetType(typeName, throwOnError: false) is { } named)
            {
                return named;
            }
        }

        return context.SourceAssemblies.Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null);
    }

    /// <summary>An actor of this source started.</summary>
    public void ActorStarted() => LiveActors++;

    /// <summary>An actor of this source stopped; returns true when that unloaded the context.</summary>
    public bool ActorStopped()
    {
        LiveActors = Math.Max(0, LiveActors - 1);
        return UnloadIfDrained();
    }

    /// <summary>No new creations; the context unloads now if no actor of it runs. Returns true when it unloaded.</summary>
    public bool BeginUnload()
    {
        IsUnloading = true;
        return UnloadIfDrained();
    }

    /// <summary>Unloads the context whatever still runs (the system is shutting down).</summary>
    public void ForceUnload()
    {
        if (_context is { } context)
        {
            _context = null;
            context.Unload();
        }
    }

    private bool UnloadIfDrained()
    {
        if (!IsUnloading || LiveActors > 0 || _context is not { } context)
        {
            return false;
        }

        _context = null;
        context.Unload();
        return true;
    }

    private static string? SafeAssemblyName(string displayName)
    {
        try
        {
            return new AssemblyName(displayName).Name;
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException)
        {
            return null;
        }
    }
}
