using System.Reflection;
using System.Runtime.Loader;

namespace Thespian.Multiproc;

/// <summary>
/// The dependencies of the applications in actor-path folders, as their deps.json files describe them, through the
/// runtime's <see cref="AssemblyDependencyResolver"/>: package assemblies (also from <c>runtimes/…</c>), satellite
/// assemblies and native libraries. Asked only for what this process's own deps.json did not give (an actor host of a
/// system started by another application, or by <c>thespian-admin start --actor-path</c>); the resolvers are made on
/// the first such request.
/// </summary>
internal sealed class ActorPathDependencies
{
    private readonly Lazy<AssemblyDependencyResolver[]> _resolvers;

    /// <param name="folders">The actor path's folders.</param>
    public ActorPathDependencies(IReadOnlyList<string> folders) => _resolvers = new(() => Create(folders));

    /// <summary>The file of an assembly some application on the path depends on, or null.</summary>
    public string? AssemblyPath(AssemblyName name) =>
        _resolvers.Value.Select(r => r.ResolveAssemblyToPath(name)).FirstOrDefault(path => path is not null && File.Exists(path));

    /// <summary>The file of a native library some application on the path depends on, or null.</summary>
    public string? NativeLibraryPath(string name) =>
        _resolvers.Value.Select(r => r.ResolveUnmanagedDllToPath(name)).FirstOrDefault(path => path is not null && File.Exists(path));

    /// <summary>Lets the default load context find assemblies and native libraries through these resolvers.</summary>
    public void Install()
    {
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) =>
            NativeLibraryPath(name) is { } path ? System.Runtime.InteropServices.NativeLibrary.Load(path) : IntPtr.Zero;
    }

    private static AssemblyDependencyResolver[] Create(IReadOnlyList<string> folders)
    {
        var ownDepsFiles = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "")
                           .Split(';', StringSplitOptions.RemoveEmptyEntries)
                           .Select(Path.GetFullPath)
                           .ToHashSet(StringComparer.Ordinal);
        var resolvers = new List<AssemblyDependencyResolver>();
        foreach (var depsFile in folders.Where(Directory.Exists)
                                        .SelectMany(folder => Directory.EnumerateFiles(folder, "*.deps.json"))
                                        .Select(Path.GetFullPath)
                                        .Where(file => !ownDepsFiles.Contains(file))
                                        .Order(StringComparer.Ordinal))
        {
            var assembly = depsFile[..^".deps.json".Length] + ".dll";
            if (!File.Exists(assembly))
            {
                continue;
            }

            try
            {
                resolvers.Add(new AssemblyDependencyResolver(assembly));
            }
            catch (InvalidOperationException)
            {
                // Its deps.json cannot be read, or no .NET host is there to ask: its folder's loose files still serve.
            }
        }

        return [.. resolvers];
    }
}
