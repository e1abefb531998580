using System.Reflection;

namespace Thespian.Runtime;

/// <summary>
/// Finds a system base by name the way Python imports <c>thespian.system.&lt;name&gt;</c>: each name maps
/// to an assembly, loaded by name, that names its factory with <see cref="ThespianSystemBaseAttribute"/>.
/// </summary>
internal static class SystemBaseLoader
{
    private static readonly IReadOnlyDictionary<string, string> AssemblyByBase = new Dictionary<string, string>
    {
        [SystemBaseNames.Simple] = "Thespian.Bases.Simple",
        [SystemBaseNames.MultiprocTcp] = "Thespian.Bases.MultiprocTcp",
        [SystemBaseNames.MultiprocUdp] = "Thespian.Bases.MultiprocUdp",
    };

    /// <summary>The names of the known bases.</summary>
    public static IReadOnlyCollection<string> KnownNames => AssemblyByBase.Keys.ToArray();

    /// <summary>The canonical spelling of a base name (matched without regard to case).</summary>
    /// <exception cref="ArgumentException">The name is not a known base.</exception>
    public static string Canonical(string systemBase)
    {
        var match = AssemblyByBase.Keys.FirstOrDefault(k => string.Equals(k, systemBase.Trim(), StringComparison.OrdinalIgnoreCase));
        return match ?? throw new ArgumentException(
            $"Unknown system base '{systemBase}'. The known bases are: {string.Join(", ", KnownNames)}.", nameof(systemBase));
    }

    /// <summary>
    /// Loads a base's assembly by name; when the program's deps.json does not list it, from the program's own folder.
    /// (Thespian.Admin names no base: an admin or host started from an application's folder finds the base there.)
    /// </summary>
    private static Assembly Load(string assemblyName)
    {
        try
        {
            return Assembly.Load(new AssemblyName(assemblyName));
        }
        catch (FileNotFoundException)
        {
            var beside = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
            if (!File.Exists(beside))
            {
                throw;
            }

            return System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(beside);
        }
    }

    /// <summary>The factory for a (canonical) base name.</summary>
    /// <exception cref="ActorSystemStartupFailureException">The base's assembly cannot be loaded or names no factory.</exception>
    public static ISystemBaseFactory FactoryFor(string canonicalName)
    {
        var assemblyName = AssemblyByBase[canonicalName];
        Assembly assembly;
        try
        {
            assembly = Load(assemblyName);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new ActorSystemStartupFailureException(
                $"The system base '{canonicalName}' is provided by the assembly {assemblyName}, which could not be loaded " +
                $"({ex.Message}). Add a reference to {assemblyName} to your application.", ex);
        }

        var attribute = assembly.GetCustomAttributes<ThespianSystemBaseAttribute>()
                                .FirstOrDefault(a => a.Name == canonicalName)
            ?? throw new ActorSystemStartupFailureException(
                $"The assembly {assemblyName} does not provide the system base '{canonicalName}'.");
        return (ISystemBaseFactory)Activator.CreateInstance(attribute.FactoryType)!;
    }
}
