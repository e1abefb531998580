using System.Globalization;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// Writes an <see cref="ActorAddress"/> as its 32-hex-digit identifier; on arrival the process's
/// interner turns it back into its own address object (with local routing, when it knows one).
/// </summary>
internal sealed class ActorAddressConverter(Func<UInt128, ActorAddress> intern) : JsonConverter<ActorAddress>
{
    public override void WriteJson(JsonWriter writer, ActorAddress? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteValue(value.Id.ToString("x32", CultureInfo.InvariantCulture));
        }
    }

    public override ActorAddress? ReadJson(JsonReader reader, Type objectType, ActorAddress? existingValue,
                                           bool hasExistingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonToken.String || reader.Value is not string text || text.Length != 32 ||
            !UInt128.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            throw new JsonSerializationException("Malformed message: an actor address is not 32 hex digits.");
        }

        return intern(id);
    }
}
