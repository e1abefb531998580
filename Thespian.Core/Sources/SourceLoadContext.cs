using System.Reflection;
using System.Runtime.Loader;

namespace Thespian.Sources;

/// <summary>
/// The collectible load context of one validated source: it holds every assembly of the source's zip,
/// resolves their references to each other inside itself, and leaves everything else (the framework,
/// Thespian.Core, the application's dependencies) to the default context, so <see cref="Actor"/> stays
/// one type. Unloading it frees the source's code once nothing references its types any more.
/// </summary>
internal sealed class SourceLoadContext : AssemblyLoadContext
{
    private readonly Dictionary<string, SourceAssembly> _images;
    private readonly Dictionary<string, Assembly> _loaded = new(StringComparer.OrdinalIgnoreCase);

    private SourceLoadContext(string sourceHash, IReadOnlyList<SourceAssembly> assemblies)
        : base($"Thespian source {sourceHash}", isCollectible: true)
    {
        SourceHash = sourceHash;
        _images = assemblies.Where(a => !SharedAssemblies.IsShared(a.SimpleName))
                            .ToDictionary(a => a.Key, StringComparer.OrdinalIgnoreCase);

        // A context that references its own assemblies is never collected (measured): forget them on unload.
        Unloading += static context => ((SourceLoadContext)context).Forget();
    }

    /// <summary>
    /// Makes the context of a validated source and loads every assembly of it, so that a bad one is found now
    /// and not at first use. On failure nothing stays loaded.
    /// </summary>
    /// <exception cref="InvalidActorSourceException">The zip or an assembly of it cannot be used; the message says why.</exception>
    public static SourceLoadContext Load(string sourceHash, byte[] zip)
    {
        var context = new SourceLoadContext(sourceHash, SourceZipReader.Read(zip));
        try
        {
            foreach (var image in context._images.Values)
            {
                _ = context.LoadImage(image);
            }

            if (context._images.Count == 0)
            {
                throw new InvalidActorSourceException(
                    "Every assembly of the source is one the process already has (the framework, Thespian or an application " +
                    "dependency), so the source adds no actor code.");
            }

            return context;
        }
        catch
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>The hash of the source this context holds.</summary>
    public string SourceHash { get; }

    /// <summary>The source's own assemblies (not the shared ones).</summary>
    public IEnumerable<Assembly> SourceAssemblies
    {
        get
        {
            lock (_loaded)
            {
                return _loaded.Values.ToArray();
            }
        }
    }

    /// <summary>The source assembly named <paramref name="simpleName"/>, or null.</summary>
    public Assembly? FindAssembly(string simpleName)
    {
        lock (_loaded)
        {
            return _loaded.GetValueOrDefault(simpleName);
        }
    }

    /// <summary>The source hash of the context a type was loaded in, or null when it is not from a source.</summary>
    public static string? SourceHashOf(Type type) => type.IsCollectible ? SourceHashOf(type.Assembly) : null;

    /// <summary>The source hash of the context an assembly was loaded in, or null when it is not from a source.</summary>
    public static string? SourceHashOf(Assembly assembly) =>
        assembly.IsCollectible && GetLoadContext(assembly) is SourceLoadContext context ? context.SourceHash : null;

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var key = SourceAssemblyKey.Of(assemblyName);
        lock (_loaded)
        {
            if (_loaded.TryGetValue(key, out var loaded))
            {
                return loaded;
            }
        }

        return _images.TryGetValue(key, out var image) ? LoadImage(image) : null;
    }

    private void Forget()
    {
        lock (_loaded)
        {
            _loaded.Clear();
            _images.Clear();
        }
    }

    private Assembly LoadImage(SourceAssembly image)
    {
        lock (_loaded)
        {
            if (_loaded.TryGetValue(image.Key, out var loaded))
            {
                return loaded;
            }

            try
            {
                using var assembly = new MemoryStream(image.Image, writable: false);
                using var symbols = image.Symbols is null ? null : new MemoryStream(image.Symbols, writable: false);
                loaded = LoadFromStream(assembly, symbols);
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
            {
                throw new InvalidActorSourceException(
                    $"The source assembly '{image.EntryName}' cannot be loaded: {ex.Message}", ex);
            }

            _loaded[image.Key] = loaded;
            return loaded;
        }
    }
}
