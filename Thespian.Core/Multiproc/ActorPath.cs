using System.Reflection;
using System.Runtime.Loader;
using Thespian.Runtime;
using Thespian.Sources;
using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>
/// The folders actor assemblies may be loaded from in this process: the process's own folder plus the
/// configured ones (the folder of the application that started the admin, <c>--actor-path</c>).
/// Message types travel only if their assembly is on it (or is Thespian's); assemblies elsewhere are
/// refused. <see cref="Install"/> lets the default load context find actor assemblies by name here.
/// </summary>
internal sealed class ActorPath
{
    private readonly string[] _folders;
    private readonly ActorPathDependencies _dependencies;

    public ActorPath(IEnumerable<string> extraFolders)
    {
        _folders = new[] { AppContext.BaseDirectory }.Concat(extraFolders)
                                                      .Select(f => Path.GetFullPath(f).TrimEnd(Path.DirectorySeparatorChar))
                                                      .Distinct(StringComparer.Ordinal)
                                                      .ToArray();
        _dependencies = new ActorPathDependencies(_folders);
    }

    /// <summary>
    /// The sources loaded in this process (an actor host running an actor from a source): their types may travel
    /// too, named "<c>Assembly@SourceHash</c>" on the wire.
    /// </summary>
    public SourceCatalog? Sources { get; set; }

    /// <summary>The folders, own folder first.</summary>
    public IReadOnlyList<string> Folders => _folders;

    /// <summary>The allow-list for this process's serializer.</summary>
    public TypeAllowList CreateAllowList() => new(IsOnActorPath, FindAssembly);

    /// <summary>
    /// Lets the default load context resolve actor assemblies and their dependencies from these folders, for what this
    /// process's deps.json does not give: first as the deps.json files of the applications there describe them (package,
    /// satellite and native assets), then as loose files.
    /// </summary>
    public void Install()
    {
        foreach (var folder in _folders.Skip(1))
        {
            ActorTypeResolver.AddActorPathFolder(folder);
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
            (_dependencies.AssemblyPath(name) ?? FindFile(name.Name)) is { } file ? context.LoadFromAssemblyPath(file) : null;
        _dependencies.Install();
    }

    /// <summary>Whether an assembly was loaded from one of the folders, or from a source loaded in this process.</summary>
    public bool IsOnActorPath(Assembly assembly)
    {
        if (SourceLoadContext.SourceHashOf(assembly) is { } hash)
        {
            return Sources?.Find(hash) is not null;
        }

        if (assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location) || assembly.IsCollectible)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(assembly.Location)?.TrimEnd(Path.DirectorySeparatorChar);
        return folder is not null && _folders.Contains(folder, StringComparer.Ordinal);
    }

    /// <summary>
    /// An assembly on the path by its wire name: a simple name (already loaded, or loaded from a folder), or
    /// "<c>Name@SourceHash</c>" for an assembly of a source loaded in this process.
    /// </summary>
    public Assembly? FindAssembly(string wireName)
    {
        var (simpleName, sourceHash) = WireAssemblyName.Parse(wireName);
        if (sourceHash is not null)
        {
            return Sources?.Find(sourceHash)?.Context?.FindAssembly(simpleName);
        }

        var loaded = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(
            a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase));
        if (loaded is not null)
        {
            return IsOnActorPath(loaded) ? loaded : null;
        }

        return FindFile(simpleName) is { } file ? AssemblyLoadContext.Default.LoadFromAssemblyPath(file) : null;
    }

    private string? FindFile(string? simpleName)
    {
        if (string.IsNullOrEmpty(simpleName) || simpleName.IndexOfAny(['/', '\\']) >= 0 || simpleName.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        return _folders.Select(folder => Path.Combine(folder, simpleName + ".dll")).FirstOrDefault(File.Exists);
    }
}
