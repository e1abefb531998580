using System.Collections.Concurrent;
using System.Reflection;

namespace Thespian.Runtime;

/// <summary>The factories assemblies name with <see cref="ActorFactoryAttribute"/>: one instance per factory type and process.</summary>
internal static class AssemblyActorFactories
{
    private static readonly ConcurrentDictionary<Type, Lazy<IActorFactory>> Instances = new();

    /// <summary>The factory type <paramref name="assembly"/> names, or null (nothing is constructed yet).</summary>
    /// <exception cref="InvalidActorSpecificationException">The attribute names a type that cannot be a factory.</exception>
    public static Type? FactoryTypeOf(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<ActorFactoryAttribute>();
        if (attribute is null)
        {
            return null;
        }

        var factoryType = attribute.FactoryType;
        if (!typeof(IActorFactory).IsAssignableFrom(factoryType) || factoryType.IsAbstract ||
            factoryType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidActorSpecificationException(
                $"The assembly {assembly.GetName().Name} names {factoryType.FullName} in [assembly: ActorFactory(...)], which is not a " +
                "concrete class implementing Thespian.IActorFactory with a public parameterless constructor.");
        }

        return factoryType;
    }

    /// <summary>The process's one instance of <paramref name="factoryType"/>, made on first use.</summary>
    /// <exception cref="InvalidActorSpecificationException">Its constructor threw.</exception>
    public static IActorFactory Instance(Type factoryType)
    {
        try
        {
            return Instances.GetOrAdd(factoryType, type => new Lazy<IActorFactory>(() => (IActorFactory)Activator.CreateInstance(type)!))
                .Value;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            Instances.TryRemove(factoryType, out _);
            throw new InvalidActorSpecificationException(
                $"The actor factory {factoryType.FullName} (named by [assembly: ActorFactory(...)] in {factoryType.Assembly.GetName().Name}) " +
                $"could not be constructed: {inner.GetType().Name}: {inner.Message}", inner);
        }
    }
}
