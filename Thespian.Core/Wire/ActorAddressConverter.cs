using System.Globalization;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// Writes an <see cref="ActorAddress"/> as its 32-hex-digit identifier, followed by <c>@host:port</c>
/// when this process knows where the actor lives. On arrival the process's interner turns it back into
/// its own address object, and a route that came with it is learnt.
/// </summary>
internal sealed class ActorAddressConverter(Func<ActorId, ActorAddress> intern,
                                            Func<ActorId, string?>? routeOf = null,
                                            Action<ActorId, string>? learnRoute = null) : JsonConverter<ActorAddress>
{
    private const int IdDigits = ActorId.HexDigits;
    private static readonly System.Buffers.SearchValues<char> ForbiddenInHost = System.Buffers.SearchValues.Create(" \t\r\n@/");

    public override void WriteJson(JsonWriter writer, ActorAddress? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        var id = value.Id.ToHex();
        var route = routeOf?.Invoke(value.Id);
        writer.WriteValue(route is null ? id : $"{id}@{route}");
    }

    public override ActorAddress? ReadJson(JsonReader reader, Type objectType, ActorAddress? existingValue,
                                           bool hasExistingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonToken.String || reader.Value is not string text || !TryParse(text, out var id, out var route))
        {
            throw new JsonSerializationException(
                "Malformed message: an actor address is not 32 hex digits (optionally followed by @host:port).");
        }

        if (route is not null)
        {
            learnRoute?.Invoke(id, route);
        }

        return intern(id);
    }

    /// <summary>Whether text is a plausible "host:port" (a route from a peer is checked before it is used).</summary>
    public static bool IsEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        return text.Length <= 255 && colon > 0 &&
               int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) &&
               port is >= 1 and <= 65535 &&
               text.AsSpan(0, colon).IndexOfAny(ForbiddenInHost) < 0;
    }

    private static bool TryParse(string text, out ActorId id, out string? route)
    {
        route = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var idText = at < 0 ? text : text[..at];
        if (at >= 0)
        {
            route = text[(at + 1)..];
            if (!IsEndpoint(route))
            {
                id = default;
                return false;
            }
        }

        return ActorId.TryParseHex(idText, out id) && idText.Length == IdDigits;
    }
}
