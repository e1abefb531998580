using System.Globalization;
using Newtonsoft.Json;

namespace Thespian.Wire;

/// <summary>
/// Writes an <see cref="ActorAddress"/> as its 32-hex-digit identifier, followed by <c>@endpoint</c>
/// when this process knows where the actor lives (the endpoint's form is the transport's). On arrival the
/// process's interner turns it back into its own address object, and a route that came with it is learnt once
/// <c>isRoute</c> (the transport's check) accepts it.
/// </summary>
internal sealed class ActorAddressConverter(Func<ActorId, ActorAddress> intern,
                                            Func<ActorId, string?>? routeOf = null,
                                            Action<ActorId, string>? learnRoute = null,
                                            Func<string, bool>? isRoute = null) : JsonConverter<ActorAddress>
{
    private const int IdDigits = ActorId.HexDigits;
    private const int MaxRouteLength = 255;
    private static readonly System.Buffers.SearchValues<char> ForbiddenInRoute = System.Buffers.SearchValues.Create(" \t\r\n@/");

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
                "Malformed message: an actor address is not 32 hex digits (optionally followed by @ and an endpoint).");
        }

        if (route is not null)
        {
            learnRoute?.Invoke(id, route);
        }

        return intern(id);
    }

    /// <summary>
    /// Whether text could be an endpoint of any transport: not empty, at most 255 characters, no white space, '@' or
    /// '/'. The transport's own rule (<c>isRoute</c>) is checked too before a route is used.
    /// </summary>
    public static bool IsPlausibleRoute(string text) =>
        text.Length is > 0 and <= MaxRouteLength && text.AsSpan().IndexOfAny(ForbiddenInRoute) < 0;

    private bool TryParse(string text, out ActorId id, out string? route)
    {
        route = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var idText = at < 0 ? text : text[..at];
        if (at >= 0)
        {
            route = text[(at + 1)..];
            if (!IsPlausibleRoute(route) || (isRoute is not null && !isRoute(route)))
            {
                id = default;
                return false;
            }
        }

        return ActorId.TryParseHex(idText, out id) && idText.Length == IdDigits;
    }
}
