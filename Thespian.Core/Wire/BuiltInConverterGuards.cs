using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Thespian.Wire;

/// <summary>
/// Keeps Newtonsoft.Json from loading System.Data and System.Xml into every Thespian process. For each new
/// contract, Newtonsoft asks its built-in converters whether they handle the type, and four of them answer with a
/// <c>typeof</c> test (<c>SqlBinary</c>, <c>DataSet</c>, <c>DataTable</c>, <c>ExpandoObject</c>) that loads the
/// assembly defining that type. Those assemblies and the ones they pull in cost each actor process about
/// 0.6–1.8 MiB of PSS. <see cref="Install"/> puts each of the four behind a <see cref="GuardedConverter"/> that
/// first compares type names, so the assembly is only loaded for a type that is, or derives from, the converter's
/// type (which means it is loaded already). What each converter handles is unchanged.
/// </summary>
/// <remarks>
/// System.Linq.Expressions and System.ComponentModel.TypeConverter still load: Newtonsoft's own contract creation
/// tests each type for <c>IDynamicMetaObjectProvider</c> and asks <c>TypeDescriptor</c> for a converter (avoiding
/// those would save only 0.1 MiB).
/// <para>
/// The built-in converters are a private static array of <see cref="DefaultContractResolver"/>. If a Newtonsoft
/// version names or shapes it differently, <see cref="Install"/> leaves everything as it is, which only costs the
/// memory.
/// </para>
/// </remarks>
internal static class BuiltInConverterGuards
{
    private static readonly Dictionary<string, string[]> HandledTypeNames = new(StringComparer.Ordinal)
    {
        ["Newtonsoft.Json.Converters.BinaryConverter"] = ["System.Data.SqlTypes.SqlBinary", "System.Data.Linq.Binary"],
        ["Newtonsoft.Json.Converters.DataSetConverter"] = ["System.Data.DataSet"],
        ["Newtonsoft.Json.Converters.DataTableConverter"] = ["System.Data.DataTable"],
        ["Newtonsoft.Json.Converters.ExpandoObjectConverter"] = ["System.Dynamic.ExpandoObject"],
    };

    private static readonly bool s_installed = Guard();

    /// <summary>Guards the built-in converters (once per process); true when they are guarded.</summary>
    public static bool Install() => s_installed;

    /// <summary>Newtonsoft's built-in converters (its private static array), or null if this version has none by that name.</summary>
    public static JsonConverter[]? BuiltInConverters() =>
        typeof(DefaultContractResolver).GetField("BuiltInConverters", BindingFlags.NonPublic | BindingFlags.Static)
            ?.GetValue(null) as JsonConverter[];

    private static bool Guard()
    {
        if (BuiltInConverters() is not { } converters)
        {
            return false;
        }

        for (var i = 0; i < converters.Length; i++)
        {
            if (converters[i].GetType().FullName is { } name && HandledTypeNames.TryGetValue(name, out var handled))
            {
                converters[i] = new GuardedConverter(converters[i], handled);
            }
        }

        return true;
    }
}

/// <summary>
/// A built-in converter asked only about types that are, or derive from, a type it names (compared by full name,
/// which loads nothing); everything else is the converter's own.
/// </summary>
internal sealed class GuardedConverter(JsonConverter inner, string[] handledTypeNames) : JsonConverter
{
    /// <summary>The converter behind the guard.</summary>
    public JsonConverter Inner { get; } = inner;

    public override bool CanRead => Inner.CanRead;

    public override bool CanWrite => Inner.CanWrite;

    public override bool CanConvert(Type objectType) => IsOrDerivesFromHandled(objectType) && Inner.CanConvert(objectType);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        Inner.ReadJson(reader, objectType, existingValue, serializer);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        Inner.WriteJson(writer, value, serializer);

    private bool IsOrDerivesFromHandled(Type type)
    {
        for (var current = Nullable.GetUnderlyingType(type) ?? type; current is not null; current = current.BaseType)
        {
            if (current.FullName is { } name && Array.IndexOf(handledTypeNames, name) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
