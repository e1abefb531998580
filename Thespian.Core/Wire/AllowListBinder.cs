using Newtonsoft.Json.Serialization;
using Thespian.Sources;

namespace Thespian.Wire;

/// <summary>
/// The binder every wire serializer uses: writes short names (type + simple assembly name), and on
/// arrival resolves only names the <see cref="TypeAllowList"/> allows — anything else is refused with a
/// <see cref="DisallowedTypeException"/> before it is loaded or instantiated.
/// </summary>
internal sealed class AllowListBinder(TypeAllowList allowList) : ISerializationBinder
{
    public Type BindToType(string? assemblyName, string typeName) =>
        allowList.Resolve(assemblyName, typeName) ?? throw new DisallowedTypeException(
            assemblyName is null ? typeName : $"{typeName}, {assemblyName}");

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Type, Tuple<string?, string?>> _names = new();

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName)
    {
        if (!_names.TryGetValue(serializedType, out var names))
        {
            if (!allowList.IsAllowed(serializedType))
            {
                throw new DisallowedTypeException(serializedType.FullName ?? serializedType.Name, sending: true);
            }

            names = Tuple.Create<string?, string?>(WireAssemblyName.Of(serializedType.Assembly),
                                 serializedType.IsGenericType || serializedType.IsArray
                                     ? StripAssemblyDetails(serializedType)
                                     : serializedType.FullName);
            _names.AddOrUpdate(serializedType, names);
        }

        (assemblyName, typeName) = (names.Item1, names.Item2);
    }

    /// <summary>A generic or array type's name with only simple assembly names inside.</summary>
    private static string StripAssemblyDetails(Type type)
    {
        if (type.IsArray)
        {
            return StripAssemblyDetails(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.FullName!;
        }

        var definition = type.GetGenericTypeDefinition().FullName!;
        var arguments = type.GetGenericArguments()
                            .Select(a => $"[{StripAssemblyDetails(a)}, {WireAssemblyName.Of(a.Assembly)}]");
        return $"{definition}[{string.Join(",", arguments)}]";
    }
}

/// <summary>A message named a type that may not travel; it is refused (and dead-lettered), never instantiated.</summary>
internal sealed class DisallowedTypeException : Newtonsoft.Json.JsonSerializationException
{
    public DisallowedTypeException(string typeName, bool sending = false)
        : base(sending
            ? $"The type {typeName} may not be sent: only Thespian's message types, primitives, common collections and types from assemblies on the actor path travel between processes."
            : RefusalText(typeName))
    {
        TypeName = typeName;
    }

    private static string RefusalText(string typeName)
    {
        var source = WireAssemblyName.SourceHashIn(typeName);
        return source is null
            ? $"Refused the type {typeName}: it is not one of Thespian's message types, a primitive or common collection, or a type from an assembly on the actor path."
            : $"Refused the type {typeName}: it comes from the actor source {source}, which this process has not loaded (only actors created from that source can receive its types).";
    }

    /// <summary>The refused type's name.</summary>
    public string TypeName { get; }
}
