using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Thespian.Wire;

/// <summary>
/// Puts <see cref="TypedValueConverter"/> on every <c>object</c>-typed member, list item and dictionary
/// value, so values keep their .NET types; the rest is Newtonsoft's default contract.
/// </summary>
internal sealed class WireContractResolver : DefaultContractResolver
{
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
    /// Collection interfaces (<c>IReadOnlyList&lt;T&gt;</c>, <c>IDictionary&lt;K,V&gt;</c>…) travel as plain
    /// JSON arrays and objects and arrive as <c>List&lt;T&gt;</c> or <c>Dictionary&lt;K,V&gt;</c>, whatever
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
        foreach (var parameter in contract.CreatorParameters)
        {
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
