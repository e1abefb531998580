using System.Globalization;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// Keeps .NET types for values in <c>object</c>-typed places (fields, properties, list items,
/// dictionary values, the message itself): JSON alone would turn an <c>int</c> into a <c>long</c>, a
/// <c>Guid</c> into a string. Strings, booleans, <c>long</c>s, finite <c>double</c>s and null travel
/// bare; other primitives as <c>["code", value]</c>; objects with their type name (checked by the
/// allow-list binder on arrival).
/// </summary>
internal sealed class TypedValueConverter : JsonConverter
{
    public static readonly TypedValueConverter Instance = new();

    public override bool CanConvert(Type objectType) => objectType == typeof(object);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch (value)
        {
            case null:
                writer.WriteNull();
                return;
            case string s:
                writer.WriteValue(s);
                return;
            case bool b:
                writer.WriteValue(b);
                return;
            case long l:
                writer.WriteValue(l);
                return;
            case double d when double.IsFinite(d):
                writer.WriteValue(d);
                return;
            case ActorAddress address:
                writer.WriteStartArray();
                writer.WriteValue(TypedPrimitives.AddressCode);
                AddressConverter(serializer).WriteJson(writer, address, serializer);
                writer.WriteEndArray();
                return;
        }

        if (TypedPrimitives.TryGetCode(value, out var code, out var text))
        {
            writer.WriteStartArray();
            writer.WriteValue(code);
            writer.WriteValue(text);
            writer.WriteEndArray();
            return;
        }

        if (value.GetType().IsEnum)
        {
            var enumType = value.GetType();
            writer.WriteStartArray();
            writer.WriteValue(TypedPrimitives.EnumCode);
            writer.WriteValue(serializer.SerializationBinder is { } binder ? TypeNameOf(binder, enumType) : enumType.AssemblyQualifiedName);
            writer.WriteValue(Convert.ToString(Convert.ChangeType(value, Enum.GetUnderlyingType(enumType), CultureInfo.InvariantCulture),
                                               CultureInfo.InvariantCulture));
            writer.WriteEndArray();
            return;
        }

        serializer.Serialize(writer, value, typeof(object));
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null or JsonToken.Undefined:
                return null;
            case JsonToken.Integer when reader.Value is System.Numerics.BigInteger:
                throw Malformed("a bare integer beyond the range of long (large integers travel typed)");
            case JsonToken.String or JsonToken.Boolean or JsonToken.Integer or JsonToken.Float:
                return reader.Value;
            case JsonToken.StartArray:
                return ReadTyped(reader, serializer);
            default:
                // Thespian writes every object in an object-typed place with its type name first; without one, Newtonsoft.Json
                // would hand the actor its own JObject, a type outside the allow-list (found by fuzzing).
                var value = serializer.Deserialize<object>(reader);
                return value is Newtonsoft.Json.Linq.JToken
                    ? throw Malformed("an object without its type name ($type, first in the object)")
                    : value;
        }
    }

    private static object ReadTyped(JsonReader reader, JsonSerializer serializer)
    {
        var code = reader.ReadAsString() ?? throw Malformed("a typed value without its code");
        if (code == TypedPrimitives.AddressCode)
        {
            if (!reader.Read())
            {
                throw Malformed("an address value without its address");
            }

            var address = serializer.Deserialize<ActorAddress>(reader) ?? throw Malformed("a null address value");
            ExpectEnd(reader);
            return address;
        }

        if (code == TypedPrimitives.EnumCode)
        {
            var typeName = reader.ReadAsString() ?? throw Malformed("an enum value without its type");
            var number = reader.ReadAsString() ?? throw Malformed("an enum value without its number");
            ExpectEnd(reader);
            var enumType = ResolveEnum(serializer, typeName);
            try
            {
                return Enum.ToObject(enumType, Convert.ChangeType(number, Enum.GetUnderlyingType(enumType), CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
            {
                throw Malformed($"an enum value '{number}' that is not a number of {enumType.Name}'s range");
            }
        }

        var text = reader.ReadAsString() ?? throw Malformed($"a typed value '{code}' without its value");
        ExpectEnd(reader);
        return TypedPrimitives.Parse(code, text);
    }

    private static Type ResolveEnum(JsonSerializer serializer, string typeName)
    {
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        var (name, assembly) = comma < 0 ? (typeName, null) : (typeName[..comma].Trim(), typeName[(comma + 1)..].Trim());
        var type = serializer.SerializationBinder?.BindToType(assembly, name);
        return type is { IsEnum: true } ? type : throw Malformed($"'{typeName}', which is not an allowed enum type");
    }

    private static ActorAddressConverter AddressConverter(JsonSerializer serializer) =>
        serializer.Converters.OfType<ActorAddressConverter>().FirstOrDefault()
        ?? throw new JsonSerializationException("No address converter is configured.");

    private static string TypeNameOf(Newtonsoft.Json.Serialization.ISerializationBinder binder, Type type)
    {
        binder.BindToName(type, out var assembly, out var name);
        return assembly is null ? name! : $"{name}, {assembly}";
    }

    private static void ExpectEnd(JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonToken.EndArray)
        {
            throw Malformed("a typed value with extra elements");
        }
    }

    private static JsonSerializationException Malformed(string what) => new($"Malformed message: {what}.");
}
