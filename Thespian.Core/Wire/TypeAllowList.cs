using System.Reflection;

namespace Thespian.Wire;

/// <summary>
/// Decides which types a received message may contain: Thespian's own, primitives and common
/// collections of allowed types, and types from assemblies on the actor path (or in loaded sources).
/// Assemblies are checked by name before anything is loaded, and every generic argument is checked
/// too, so a refused type is never loaded or instantiated.
/// </summary>
internal sealed class TypeAllowList
{
    private static readonly HashSet<string> FrameworkAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Private.CoreLib", "mscorlib", "System.Runtime", "System.Collections", "netstandard",
        "System.Collections.Immutable", "System.Linq",
    };

    private static readonly HashSet<Type> FrameworkTypes =
    [
        typeof(object), typeof(string), typeof(bool), typeof(char), typeof(byte), typeof(sbyte), typeof(short),
        typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double),
        typeof(decimal), typeof(Half), typeof(Int128), typeof(UInt128), typeof(DateTime), typeof(DateTimeOffset),
        typeof(DateOnly), typeof(TimeOnly), typeof(TimeSpan), typeof(Guid), typeof(Uri), typeof(Version),
        typeof(Nullable<>), typeof(KeyValuePair<,>), typeof(List<>), typeof(Dictionary<,>), typeof(HashSet<>),
        typeof(SortedDictionary<,>), typeof(SortedSet<>), typeof(Queue<>), typeof(Stack<>), typeof(LinkedList<>),
        typeof(Tuple<>), typeof(Tuple<,>), typeof(Tuple<,,>), typeof(Tuple<,,,>), typeof(ValueTuple<>),
        typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>),
        typeof(System.Collections.ObjectModel.ReadOnlyCollection<>),
        typeof(System.Collections.ObjectModel.ReadOnlyDictionary<,>),
        typeof(IEnumerable<>), typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>), typeof(IList<>),
        typeof(ICollection<>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>), typeof(ISet<>),
        typeof(IReadOnlySet<>),
    ];

    private readonly Func<Assembly, bool> _isOnActorPath;
    private readonly Func<string, Assembly?> _findActorPathAssembly;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string? Assembly, string Type), Type> _resolved = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Type, object> _allowed = new();

    /// <param name="isOnActorPath">Whether an assembly's types may travel (actor path or a loaded source).</param>
    /// <param name="findActorPathAssembly">Finds an allowed assembly by simple name (null when it is not allowed).</param>
    public TypeAllowList(Func<Assembly, bool> isOnActorPath, Func<string, Assembly?> findActorPathAssembly)
    {
        _isOnActorPath = isOnActorPath;
        _findActorPathAssembly = findActorPathAssembly;
    }

    /// <summary>An allow-list for Thespian's and framework types only.</summary>
    public static TypeAllowList ThespianOnly { get; } = new(_ => false, _ => null);

    /// <summary>Whether values of <paramref name="type"/> may be sent and received.</summary>
    public bool IsAllowed(Type type)
    {
        if (_allowed.TryGetValue(type, out var known))
        {
            return (bool)known;
        }

        var allowed = Decide(type);
        _allowed.AddOrUpdate(type, allowed);
        return allowed;
    }

    private bool Decide(Type type)
    {
        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 && IsAllowed(type.GetElementType()!);
        }

        if (type.IsPointer || type.IsByRef || typeof(Delegate).IsAssignableFrom(type))
        {
            return false;
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return IsAllowedDefinition(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowed);
        }

        return IsAllowedDefinition(type);
    }

    /// <summary>
    /// Resolves a type name as the JSON carries it, loading only allowed assemblies.
    /// </summary>
    /// <returns>The type, or null when it names anything not allowed or not found.</returns>
    public Type? Resolve(string? assemblyName, string typeName)
    {
        if (_resolved.TryGetValue((assemblyName, typeName), out var cached))
        {
            return cached;
        }

        var resolved = ResolveUncached(assemblyName, typeName);
        if (resolved is not null && !resolved.Assembly.IsCollectible)
        {
            _resolved.TryAdd((assemblyName, typeName), resolved);
        }

        return resolved;
    }

    private Type? ResolveUncached(string? assemblyName, string typeName)
    {
        var qualified = assemblyName is null ? typeName : $"{typeName}, {assemblyName}";
        Type? type;
        try
        {
            type = Type.GetType(qualified, ResolveAssembly, ResolveType, throwOnError: false);
        }
        catch (Exception ex) when (ex is DisallowedAssemblyException or ArgumentException or FileLoadException or TypeLoadException or BadImageFormatException)
        {
            return null;
        }

        return type is not null && IsAllowed(type) ? type : null;
    }

    private bool IsAllowedDefinition(Type type)
    {
        if (type.Assembly == typeof(TypeAllowList).Assembly)
        {
            return IsThespianDataType(type);
        }

        if (typeof(Actor).IsAssignableFrom(type) || type.Name.Contains('<', StringComparison.Ordinal) ||
            type.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false))
        {
            return false;
        }

        if (type.IsEnum && FrameworkAssemblies.Contains(type.Assembly.GetName().Name ?? ""))
        {
            return true;
        }

        return FrameworkTypes.Contains(type) || _isOnActorPath(type.Assembly);
    }

    /// <summary>
    /// Thespian's own types that are data: messages, addresses and settings. Never anything with
    /// behaviour on construction (an <see cref="ActorSystem"/>'s constructor starts a system).
    /// </summary>
    private static bool IsThespianDataType(Type type) =>
        typeof(ActorSystemMessage).IsAssignableFrom(type) || type == typeof(ActorAddress) ||
        type == typeof(UpdateTroupeSettings) || type == typeof(ThespianWatch) ||
        typeof(Multiproc.IControlMessage).IsAssignableFrom(type) || type == typeof(Multiproc.ConventionMemberInfo) ||
        type == typeof(Multiproc.CapabilityRequirement) || type == typeof(Multiproc.ConventionMemberReport) ||
        (type.IsEnum && type.Namespace == "Thespian.Multiproc") ||
        IsSourceAuthorityMessage(type) || IsRunCommandMessage(type);

    /// <summary>What applications send the ready-made source authorities and what those answer (the authority may run in its own process).</summary>
    private static bool IsSourceAuthorityMessage(Type type) =>
        type == typeof(ConfigureSourceAuthority) || type == typeof(SourceAuthorityReady) ||
        type == typeof(SourceAuthorityRefused);

    /// <summary>What the RunCommand actor is sent and answers (it may run in its own process).</summary>
    private static bool IsRunCommandMessage(Type type) =>
        type == typeof(CommandRequest) || type == typeof(CommandResult) || type == typeof(CommandStarted) ||
        type == typeof(CommandOutput) || type == typeof(CommandErrorOutput) || type == typeof(CommandAbort) ||
        type == typeof(CommandLog);

    private Assembly? ResolveAssembly(AssemblyName name)
    {
        var simple = name.Name ?? "";
        if (simple == typeof(TypeAllowList).Assembly.GetName().Name)
        {
            return typeof(TypeAllowList).Assembly;
        }

        if (FrameworkAssemblies.Contains(simple))
        {
            return Assembly.Load(new AssemblyName(simple));
        }

        return _findActorPathAssembly(simple) ?? throw new DisallowedAssemblyException();
    }

    private static Type? ResolveType(Assembly? assembly, string name, bool ignoreCase) =>
        assembly?.GetType(name, throwOnError: false, ignoreCase: false);

    /// <summary>Stops resolution as soon as a name refers to an assembly that is not allowed.</summary>
    private sealed class DisallowedAssemblyException : Exception;
}
