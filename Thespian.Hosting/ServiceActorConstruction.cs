using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Thespian.Hosting;

/// <summary>
/// Constructs actors with <see cref="ActivatorUtilities"/>: the constructor's parameters come from a service provider.
/// A type with no public constructor is left to its own parameterless one.
/// </summary>
internal static class ServiceActorConstruction
{
    private static readonly ConcurrentDictionary<Type, ObjectFactory?> Factories = new();

    /// <summary>A new <paramref name="actorType"/> with its constructor's services from <paramref name="services"/>, or null.</summary>
    public static Actor? Create(IServiceProvider services, Type actorType)
    {
        var factory = Factories.GetOrAdd(actorType, static type =>
            type.GetConstructors(BindingFlags.Instance | BindingFlags.Public).Length == 0
                ? null
                : ActivatorUtilities.CreateFactory(type, Type.EmptyTypes));
        return factory is null ? null : (Actor)factory(services, arguments: null);
    }
}
