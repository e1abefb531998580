using System.Runtime.Loader;

namespace Thespian.Sources;

/// <summary>
/// Assemblies every source shares with the process instead of loading its own copy: the framework and
/// the application's own dependencies (the trusted platform assemblies, Thespian.Core among them), and
/// whatever the default context has loaded. So <see cref="Actor"/> and the message types of Thespian are one
/// type for every source, and a source that carries its own copy of such an assembly uses the process's.
/// </summary>
internal static class SharedAssemblies
{
    private static readonly Lazy<HashSet<string>> PlatformNames = new(ReadPlatformNames);

    /// <summary>Whether <paramref name="simpleName"/> comes from the default context rather than from a source.</summary>
    public static bool IsShared(string simpleName) =>
        PlatformNames.Value.Contains(simpleName) ||
        AssemblyLoadContext.Default.Assemblies.Any(a => string.Equals(a.GetName().Name, simpleName, StringComparison.OrdinalIgnoreCase));

    private static HashSet<string> ReadPlatformNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { typeof(Actor).Assembly.GetName().Name! };
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
        {
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
