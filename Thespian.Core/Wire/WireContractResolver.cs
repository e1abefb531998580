using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Thespian.Wire;

/// <summary>
/// Puts <see cref="TypedValueConverter"/> on every <c>object</c>-typed member, list item and dictionary
/// value, so values keep their .NET types; the rest is Newtonsoft's default contract.
/// </summary>
/// <remarks>
/// Contracts for types every allow-list allows (<see cref="TypeAllowList.ThespianOnly"/>: Thespian's records and the
/// framework's primitives and collections) are made once per process and shared by every resolver, so a system joined
/// later in a process does not build the control records' contracts again. Such a type is never collectible, and its
/// members' types are allowed everywhere too, so sharing neither pins an unloadable source nor lets a member type past
/// an allow-list that refuses it. Contracts for other types stay with the resolver that made them.
/// </remarks>
internal sealed class WireContractResolver(TypeAllowList allowList) : DefaultContractResolver
{
    private static readonly WireContractResolver Shared = new(TypeAllowList.ThespianOnly);

    /// <summary>
    /// Every type the serializer meets — declared member types too, not only <c>$type</c> names — must be
    /// allowed, on the sending side and on arrival, so a member declared as, say, a <c>StringBuilder</c>
    /// can neither be sent nor instantiated.
    /// </summary>
    public override JsonContract ResolveContract(Type type)
    {
        if (!allowList.IsAllowed(Nullable.GetUnderlyingType(type) ?? type) && !IsCompilerMadeCollection(type))
        {
            throw new DisallowedTypeException(type.FullName ?? type.Name);
        }

        return base.ResolveContract(type);
    }

    /// <summary>Called once per type and resolver (the base caches the result): the process-wide contract where there is one.</summary>
    protected override JsonContract CreateContract(Type objectType) =>
        !ReferenceEquals(this, Shared) && TypeAllowList.ThespianOnly.IsAllowed(Nullable.GetUnderlyingType(objectType) ?? objectType)
            ? Shared.ResolveContract(objectType)
            : base.CreateContract(objectType);

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.PropertyType == typeof(object))
        {
            property.Converter = TypedValueConverter.Instance;
        }
        else if (IsCollectionInterface(property.PropertyType))
        {
            property.TypeNameHandling = TypeNameHandling.None;
        }

        return property;
    }

    /// <summary>
    /// A collection the compiler made for a collection expression (<c>IReadOnlyList&lt;T&gt; x = [1, 2]</c>)
    /// may be written as a plain JSON array behind an interface-typed member; its name is never accepted
    /// on arrival, so it cannot be instantiated by a receiver.
    /// </summary>
    private static bool IsCompilerMadeCollection(Type type) =>
        type.Name.StartsWith('<') && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    /// <summary>
    /// A constructor parameter <c>recursive</c> fills the property <c>IsRecursive</c> (Python-style
    /// attribute names behind .NET property names), when no property matches the parameter itself.
    /// </summary>
    private static void MapToIsProperty(JsonProperty parameter, JsonObjectContract contract)
    {
        var name = parameter.PropertyName;
        if (name is null || contract.Properties.GetClosestMatchProperty(name) is not null)
        {
            return;
        }

        var isProperty = contract.Properties.GetClosestMatchProperty("Is" + name);
        if (isProperty is not null)
        {
            parameter.PropertyName = isProperty.PropertyName;
        }
    }

    /// <summary>
    /// Collection interfaces (<c>IReadOnlyList&lt;T&gt;</c>, <c>IDictionary&lt;K,V&gt;</c>…) travel as plain
    /// JSON arrays and objects and arrive as a framework collection (Newtonsoft's choice for the interface), whatever
    /// class the sender used behind the interface.
    /// </summary>
    private static bool IsCollectionInterface(Type? type)
    {
        if (type is not { IsInterface: true, IsGenericType: true })
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) ||
               definition == typeof(IReadOnlyCollection<>) || definition == typeof(IList<>) ||
               definition == typeof(ICollection<>) || definition == typeof(IReadOnlyDictionary<,>) ||
               definition == typeof(IDictionary<,>) || definition == typeof(ISet<>) ||
               definition == typeof(IReadOnlySet<>);
    }

    protected override JsonArrayContract CreateArrayContract(Type objectType)
    {
        var contract = base.CreateArrayContract(objectType);
        if (contract.CollectionItemType == typeof(object))
        {
            contract.ItemConverter = TypedValueConverter.Instance;
        }

        return contract;
    }

    protected override JsonDictionaryContract CreateDictionaryContract(Type objectType)
    {
        var contract = base.CreateDictionaryContract(objectType);
        if (contract.DictionaryValueType == typeof(object))
        {
            contract.ItemConverter = TypedValueConverter.Instance;
        }

        return contract;
    }

    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        if (objectType != typeof(ActorAddress) && contract.Converter is null &&
            !objectType.IsAbstract && !objectType.IsInterface && !objectType.IsValueType &&
            contract.DefaultCreator is null && contract.OverrideCreator is null && contract.CreatorParameters.Count == 0 &&
            objectType.GetConstructors().Length != 1)
        {
            throw new JsonSerializationException(
                $"The type {objectType.FullName} cannot be recreated on arrival: give it a parameterless constructor or exactly one public constructor whose parameters match its properties.");
        }

        foreach (var parameter in contract.CreatorParameters)
        {
            MapToIsProperty(parameter, contract);
            if (parameter.PropertyType == typeof(object))
            {
                parameter.Converter = TypedValueConverter.Instance;
            }
            else if (IsCollectionInterface(parameter.PropertyType))
            {
                parameter.TypeNameHandling = TypeNameHandling.None;
            }
        }

        return contract;
    }
}
