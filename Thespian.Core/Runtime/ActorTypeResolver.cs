using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Thespian.Runtime;

/// <summary>
/// Resolves an actor type name on the actor path: an assembly-qualified name, else a
/// namespace-qualified name searched in the assemblies already loaded in the default context, then in
/// the assemblies of the application's folder (and any extra folders a host adds).
/// </summary>
internal static class ActorTypeResolver
{
    private static readonly ConcurrentDictionary<string, Type> Resolved = new(StringComparer.Ordinal);
    private static readonly List<string> ExtraFolders = [];

    /// <summary>Adds a folder to the actor path (actor hosts: <c>--actor-path</c>).</summary>
    public static void AddActorPathFolder(string folder)
    {
        lock (ExtraFolders)
        {
            ExtraFolders.Add(Path.GetFullPath(folder));
        }
    }

    /// <summary>Finds the type, or throws <see cref="InvalidActorSpecificationException"/> saying where it looked.</summary>
    public static Type Resolve(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        if (Resolved.TryGetValue(typeName, out var cached))
        {
            return cached;
        }

        var type = TryResolve(typeName) ?? throw new InvalidActorSpecificationException(
            $"No actor type named '{typeName}' was found on the actor path (the loaded assemblies and the folders " +
            $"{string.Join(", ", SearchedFolders())}). Give the namespace-qualified name such as \"MyApp.Actors.Greeter\" " +
            "(nested types as \"Outer+Inner\") or an assembly-qualified name; on a multiproc base the admin loads actor " +
            "assemblies only from its own folder, the folder of the application that started it, and --actor-path folders.");
        // Whether it needs a factory (no parameterless constructor) is checked where it is constructed.
        _ = ActorTypeInfo.GetForFactory(type);
        if (!type.Assembly.IsCollectible)
        {
            Resolved.TryAdd(typeName, type);
        }

        return type;
    }

    private static string[] SearchedFolders()
    {
        lock (ExtraFolders)
        {
            return [AppContext.BaseDirectory, .. ExtraFolders];
        }
    }

    private static Type? TryResolve(string typeName)
    {
        var type = SafeGetType(typeName);
        if (type is not null)
        {
            return type;
        }

        foreach (var assembly in AssemblyLoadContext.Default.Assemblies)
        {
            type = SafeGetType(assembly, typeName);
            if (type is not null)
            {
                return type;
            }
        }

        return SearchFolders(typeName);
    }

    private static Type? SearchFolders(string typeName)
    {
        string[] folders;
        lock (ExtraFolders)
        {
            folders = [AppContext.BaseDirectory, .. ExtraFolders];
        }

        var loaded = AssemblyLoadContext.Default.Assemblies.Select(a => a.GetName().Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
            {
                var assembly = TryLoad(file, loaded);
                var type = assembly is null ? null : SafeGetType(assembly, typeName);
                if (type is not null)
                {
                    return type;
                }
            }
        }

        return null;
    }

    private static Assembly? TryLoad(string file, HashSet<string?> loaded)
    {
        try
        {
            var name = AssemblyName.GetAssemblyName(file);
            if (loaded.Contains(name.Name))
            {
                return null;
            }

            return AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            return null;
        }
    }

    private static Type? SafeGetType(string typeName)
    {
        try
        {
            return Type.GetType(typeName, throwOnError: false);
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }

    private static Type? SafeGetType(Assembly assembly, string typeName)
    {
        try
        {
            return assembly.GetType(typeName, throwOnError: false);
        }
        catch (Exception ex) when (ex is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }
}
