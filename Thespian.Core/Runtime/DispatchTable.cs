using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Thespian.Runtime;

/// <summary>Calls one <c>ReceiveMsg</c> handler; returns what it returned (null for void handlers).</summary>
internal delegate object? DispatchHandler(ActorTypeDispatcher actor, object message, ActorAddress sender);

/// <summary>
/// The <c>ReceiveMsg</c> handlers of one <see cref="ActorTypeDispatcher"/> type, looked up once per
/// message type and compiled to delegates that call exactly the declared method (non-virtually, so a
/// handler returning <see cref="ActorTypeDispatcher.Super"/> reaches its base class's handler).
/// </summary>
internal sealed class DispatchTable
{
    private const string HandlerName = "ReceiveMsg";
    private static readonly ConditionalWeakTable<Type, DispatchTable> Tables = new();

    private readonly Type _actorType;
    private readonly ConcurrentDictionary<Type, DispatchHandler[]> _handlers = new();

    private DispatchTable(Type actorType) => _actorType = actorType;

    /// <summary>The table for an actor type.</summary>
    public static DispatchTable For(Type actorType) => Tables.GetValue(actorType, static t => new DispatchTable(t));

    /// <summary>The handlers for a message type, in the order they are tried.</summary>
    public DispatchHandler[] Lookup(Type messageType) =>
        _handlers.TryGetValue(messageType, out var handlers) ? handlers : _handlers.GetOrAdd(messageType, Build);

    /// <summary>
    /// The message types searched for <paramref name="messageType"/>, most specific first: the type, its
    /// base classes, its interfaces (more derived interfaces first, then by name), then <see cref="object"/>.
    /// </summary>
    public static IReadOnlyList<Type> MessageTypeChain(Type messageType)
    {
        var chain = new List<Type>();
        for (var type = messageType; type is not null && type != typeof(object); type = type.BaseType)
        {
            chain.Add(type);
        }

        var interfaces = messageType.GetInterfaces();
        chain.AddRange(interfaces.OrderByDescending(i => i.GetInterfaces().Length)
                                 .ThenBy(i => i.FullName ?? i.Name, StringComparer.Ordinal));
        chain.Add(typeof(object));
        return chain;
    }

    /// <summary>The actor classes searched, most derived first, down to <see cref="ActorTypeDispatcher"/>.</summary>
    public static IReadOnlyList<Type> ActorTypeChain(Type actorType)
    {
        var chain = new List<Type>();
        for (var type = actorType; type is not null && type != typeof(Actor); type = type.BaseType)
        {
            chain.Add(type);
        }

        return chain;
    }

    /// <summary>The handler methods for <paramref name="messageType"/>, in the order they are tried.</summary>
    public IReadOnlyList<MethodInfo> HandlerMethods(Type messageType)
    {
        var methods = new List<MethodInfo>();
        var actorChain = ActorTypeChain(_actorType);
        foreach (var candidateMessageType in MessageTypeChain(messageType))
        {
            foreach (var actorClass in actorChain)
            {
                var handler = FindDeclaredHandler(actorClass, candidateMessageType);
                if (handler is not null)
                {
                    methods.Add(handler);
                }
            }
        }

        return methods;
    }

    private DispatchHandler[] Build(Type messageType) => HandlerMethods(messageType).Select(Compile).ToArray();

    private static MethodInfo? FindDeclaredHandler(Type actorClass, Type messageType)
    {
        const BindingFlags flags = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Public |
                                   BindingFlags.NonPublic;
        foreach (var method in actorClass.GetMethods(flags))
        {
            if (method.Name != HandlerName || method.IsGenericMethodDefinition || method.IsAbstract ||
                (method.ReturnType != typeof(void) && method.ReturnType != typeof(object)))
            {
                continue;
            }

            var parameters = method.GetParameters();
            if (parameters.Length == 2 && parameters[0].ParameterType == messageType &&
                parameters[1].ParameterType == typeof(ActorAddress))
            {
                return method;
            }
        }

        return null;
    }

    private static DispatchHandler Compile(MethodInfo method)
    {
        var declaringType = method.DeclaringType!;
        var messageType = method.GetParameters()[0].ParameterType;
        var dynamicMethod = new DynamicMethod(
            $"{declaringType.Name}.ReceiveMsg({messageType.Name})",
            typeof(object),
            [typeof(ActorTypeDispatcher), typeof(object), typeof(ActorAddress)],
            restrictedSkipVisibility: true);
        var il = dynamicMethod.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, declaringType);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(messageType.IsValueType ? OpCodes.Unbox_Any : OpCodes.Castclass, messageType);
        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Call, method);
        if (method.ReturnType == typeof(void))
        {
            il.Emit(OpCodes.Ldnull);
        }

        il.Emit(OpCodes.Ret);
        return dynamicMethod.CreateDelegate<DispatchHandler>();
    }
}
