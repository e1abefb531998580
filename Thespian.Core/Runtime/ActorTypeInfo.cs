using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Thespian.Runtime;

/// <summary>
/// What the runtime knows about one actor type, computed once: that it is a valid actor, a compiled
/// factory for it, its troupe settings, its transient and initializing-message helpers, and its capability
/// requirements. Kept in a weak table so that types from unloadable sources are not pinned.
/// </summary>
/// <remarks>
/// A type without a parameterless constructor is an actor only where an <see cref="IActorFactory"/> constructs it:
/// its assembly names one (<see cref="ActorFactoryAttribute"/>), or the system has one (<see cref="GetForFactory"/>).
/// </remarks>
internal sealed class ActorTypeInfo
{
    private static readonly ConditionalWeakTable<Type, ActorTypeInfo> Cache = new();
    private static readonly MethodInfo InvokeCheckMethod =
        typeof(ActorTypeInfo).GetMethod(nameof(InvokeCheck), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<Actor>? _factory;
    private readonly Type? _assemblyFactoryType;
    private readonly Func<IReadOnlyDictionary<string, object?>, object?, bool>? _customCheck;

    private ActorTypeInfo(Type type, Func<Actor>? factory, string? constructorProblem)
    {
        Type = type;
        Name = type.FullName ?? type.Name;
        _factory = factory;
        ConstructorProblem = constructorProblem;
        _assemblyFactoryType = type.Assembly == typeof(ActorTypeInfo).Assembly ? null : AssemblyActorFactories.FactoryTypeOf(type.Assembly);
        Troupe = type.GetCustomAttribute<TroupeAttribute>(inherit: true);
        Requirements = type.GetCustomAttributes<RequireCapabilityAttribute>(inherit: true).ToArray();
        Transient = TransientPolicy.Of(type, out var problem);
        Initialization = problem is null ? InitializationSpec.Of(type, out problem) : null;
        if (problem is not null)
        {
            throw new InvalidActorSpecificationException($"Type {Name} cannot be an actor: {problem}");
        }

        if (typeof(ICapabilityCheck).IsAssignableFrom(type))
        {
            _customCheck = InvokeCheckMethod.MakeGenericMethod(type)
                .CreateDelegate<Func<IReadOnlyDictionary<string, object?>, object?, bool>>();
        }
    }

    /// <summary>The actor type.</summary>
    public Type Type { get; }

    /// <summary>The type's full name (computed once).</summary>
    public string Name { get; }

    /// <summary>The troupe settings, when the type is a troupe.</summary>
    public TroupeAttribute? Troupe { get; }

    /// <summary>When the actor exits by itself, for a transient type.</summary>
    public TransientPolicy? Transient { get; }

    /// <summary>The initializing messages the actor waits for, if any.</summary>
    public InitializationSpec? Initialization { get; }

    /// <summary>The <see cref="RequireCapabilityAttribute"/>s on the type and its bases.</summary>
    public IReadOnlyList<RequireCapabilityAttribute> Requirements { get; }

    /// <summary>Whether the type has any capability requirement at all.</summary>
    public bool HasCapabilityChecks => _customCheck is not null || Requirements.Count > 0;

    /// <summary>Why the type has no usable parameterless constructor (null when it has one).</summary>
    public string? ConstructorProblem { get; }

    /// <summary>The factory the type's assembly names with <see cref="ActorFactoryAttribute"/>, if any.</summary>
    public IActorFactory? AssemblyFactory => _assemblyFactoryType is { } factoryType ? AssemblyActorFactories.Instance(factoryType) : null;

    /// <summary>
    /// The info for <paramref name="type"/>, validating it on first use. A type without a parameterless constructor
    /// passes only when its assembly names an <see cref="ActorFactoryAttribute"/>.
    /// </summary>
    /// <exception cref="InvalidActorSpecificationException">The type cannot be an actor.</exception>
    public static ActorTypeInfo Get(Type type)
    {
        var info = GetForFactory(type);
        if (info.ConstructorProblem is { } problem && info._assemblyFactoryType is null)
        {
            throw new InvalidActorSpecificationException($"Type {info.Name} cannot be an actor: {problem}");
        }

        return info;
    }

    /// <summary>
    /// The info for <paramref name="type"/> where a system's <see cref="IActorFactory"/> constructs actors: a type
    /// without a parameterless constructor passes (its constructor's parameters are the factory's business).
    /// </summary>
    /// <exception cref="InvalidActorSpecificationException">The type cannot be an actor.</exception>
    public static ActorTypeInfo GetForFactory(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Cache.TryGetValue(type, out var info))
        {
            return info;
        }

        var factory = BuildFactory(type, out var constructorProblem);
        info = new ActorTypeInfo(type, factory, constructorProblem);
        return Cache.GetValue(type, _ => info);
    }

    /// <summary>
    /// Makes a new instance (the caller has set up the constructing cell): through <paramref name="systemFactory"/>,
    /// else the assembly's factory, else (or when the factory declines) the parameterless constructor.
    /// </summary>
    /// <exception cref="InvalidActorSpecificationException">No factory made it and it has no parameterless constructor.</exception>
    public Actor CreateInstance(IActorFactory? systemFactory = null)
    {
        if (Type.Assembly != typeof(ActorTypeInfo).Assembly && (systemFactory ?? AssemblyFactory) is { } factory &&
            factory.CreateActor(Type) is { } made)
        {
            return made.GetType() == Type
                ? made
                : throw new InvalidOperationException(
                    $"The actor factory {factory.GetType().FullName} made a {made.GetType().FullName} where a {Name} was asked for.");
        }

        return _factory is { } construct
            ? construct()
            : throw new InvalidActorSpecificationException(
                $"Type {Name} cannot be an actor here: {ConstructorProblem} No actor factory constructed it; start the system " +
                "with one (Thespian.Hosting's AddThespian on simpleSystemBase) or name one for its assembly with [assembly: ActorFactory(...)].");
    }

    /// <summary>Whether a system with <paramref name="capabilities"/> can run this actor type.</summary>
    public bool PassesCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities, object? requirements)
    {
        foreach (var requirement in Requirements)
        {
            if (!requirement.IsSatisfiedBy(capabilities))
            {
                return false;
            }
        }

        return _customCheck is null || _customCheck(capabilities, requirements);
    }

    private static bool InvokeCheck<T>(IReadOnlyDictionary<string, object?> capabilities, object? requirements)
        where T : ICapabilityCheck => T.ActorSystemCapabilityCheck(capabilities, requirements);

    private static Func<Actor>? BuildFactory(Type type, out string? constructorProblem)
    {
        var problem = Validate(type, out var constructor);
        if (problem is not null)
        {
            throw new InvalidActorSpecificationException($"Type {type.FullName ?? type.Name} cannot be an actor: {problem}");
        }

        if (constructor is null)
        {
            constructorProblem = "it has no parameterless constructor; the system creates actors and passes them data in messages.";
            return null;
        }

        constructorProblem = null;

        var method = new DynamicMethod("Create_" + type.Name, typeof(Actor), Type.EmptyTypes, restrictedSkipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Newobj, constructor!);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<Actor>>();
    }

    private static string? Validate(Type type, out ConstructorInfo? constructor)
    {
        constructor = null;
        if (!typeof(Actor).IsAssignableFrom(type))
        {
            return "it does not derive from Thespian.Actor (or ActorTypeDispatcher).";
        }

        if (type.IsAbstract)
        {
            return "it is abstract; give a concrete class.";
        }

        if (type.ContainsGenericParameters)
        {
            return "it is an open generic type; give a closed one such as MyActor<int>.";
        }

        // No parameterless constructor is not a problem of the type itself: a factory may construct it (see Get).
        constructor = type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic,
                                          Type.EmptyTypes);
        var troupe = type.GetCustomAttribute<TroupeAttribute>(inherit: true);
        if (troupe is not null && (troupe.MaxCount < 1 || troupe.IdleCount < 0 || !(troupe.IdleGraceSeconds >= 0)))
        {
            return $"its [Troupe] has MaxCount={troupe.MaxCount}, IdleCount={troupe.IdleCount} and IdleGraceSeconds={troupe.IdleGraceSeconds}; " +
                   "MaxCount must be at least 1, IdleCount and IdleGraceSeconds at least 0.";
        }

        return null;
    }
}
