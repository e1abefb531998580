using System.Globalization;
using System.Net;

namespace Thespian.Sockets;

/// <summary>
/// The textual form of a socket transport's endpoint, <c>host:port</c>: how it is written, parsed, and checked when a
/// peer names one (a route learnt from another process is checked before it is used).
/// </summary>
internal static class IpEndpoints
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenInHost = System.Buffers.SearchValues.Create(" \t\r\n@/");

    /// <summary>"host:port" for an IP endpoint.</summary>
    public static string Format(IPAddress address, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{address}:{port}");

    /// <summary>"host:port" for a host name or address text.</summary>
    public static string Format(string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    /// <summary>Parses "host:port".</summary>
    /// <exception cref="ArgumentException">Not "host:port".</exception>
    public static (string Host, int Port) Parse(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ||
            port is < 1 or > 65535)
        {
            throw new ArgumentException($"'{endpoint}' is not an endpoint of the form host:port.", nameof(endpoint));
        }

        return (endpoint[..colon], port);
    }

    /// <summary>Whether text is a plausible "host:port".</summary>
    public static bool IsEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        return text.Length <= 255 && colon > 0 &&
               int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) &&
               port is >= 1 and <= 65535 &&
               text.AsSpan(0, colon).IndexOfAny(ForbiddenInHost) < 0;
    }
}
