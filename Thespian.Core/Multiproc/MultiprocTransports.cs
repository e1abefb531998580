using Thespian.Runtime;

namespace Thespian.Multiproc;

/// <summary>Finds a multiproc base's transports by the base's name.</summary>
internal static class MultiprocTransports
{
    /// <summary>The transports of the base named <paramref name="baseName"/> (matched without regard to case).</summary>
    /// <exception cref="ArgumentException">The name is not a known base, or names a base without processes (the simple base).</exception>
    /// <exception cref="ActorSystemStartupFailureException">The base's assembly cannot be loaded.</exception>
    public static IMultiprocTransports For(string baseName)
    {
        var canonical = SystemBaseLoader.Canonical(baseName);
        return SystemBaseLoader.FactoryFor(canonical) as IMultiprocTransports
            ?? throw new ArgumentException($"The base {canonical} runs inside one application; it has no admin or transport.",
                                           nameof(baseName));
    }
}
