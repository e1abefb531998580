using System.Reflection;
using System.Runtime.Loader;

namespace Thespian.Admin;

/// <summary>
/// Thespian.Admin's own dependencies when this process runs with another application's deps.json (an actor host
/// started with the application's files): what that application does not bring (System.CommandLine, say, for an
/// application that references only a base) is resolved through Thespian.Admin.deps.json beside this assembly, by
/// the runtime's <see cref="AssemblyDependencyResolver"/>. It is asked only for what the default context could not
/// find, and made on the first such request.
/// </summary>
internal static class OwnDependencies
{
    private static readonly Lazy<AssemblyDependencyResolver?> Resolver = new(Create);

    /// <summary>Installs the fallback; call first thing, before any dependency is needed.</summary>
    public static void Install() => AssemblyLoadContext.Default.Resolving += Resolve;

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        Resolver.Value?.ResolveAssemblyToPath(name) is { } path && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;

    private static AssemblyDependencyResolver? Create()
    {
        var location = typeof(OwnDependencies).Assembly.Location;
        if (string.IsNullOrEmpty(location))
        {
            return null;
        }

        try
        {
            return new AssemblyDependencyResolver(location);
        }
        catch (InvalidOperationException)
        {
            // No .NET host in this process to ask (a single-file bundle): nothing to add.
            return null;
        }
    }
}
