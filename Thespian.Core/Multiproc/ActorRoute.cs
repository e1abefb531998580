namespace Thespian.Multiproc;

/// <summary>
/// Where an actor can be reached, as routes travel with addresses and envelopes (text, so the transport's endpoint form
/// stays opaque):
/// <list type="bullet">
/// <item><c>endpoint</c>: send to the actor's process directly (the default).</item>
/// <item><c>endpoint~gateway</c>: the actor's system uses "Admin Routing": inside that system (whose admin is
/// <c>gateway</c>) send directly; from any other system send to <c>gateway</c>, which forwards.</item>
/// <item><c>endpoint~&gt;gateway</c>: the actor's system is "Outbound Only": it accepts no connection, so from another
/// system send to your own admin, which forwards to <c>gateway</c> over the connection that admin opened.</item>
/// </list>
/// Every process decides for itself which hop to take (<see cref="NextHop"/>); the route is passed on unchanged.
/// </summary>
internal readonly record struct ActorRoute(string Direct, string? Gateway, bool Relayed)
{
    private const char GatewayMark = '~';
    private const char RelayMark = '>';

    /// <summary>The route of an actor in a process at <paramref name="endpoint"/> of a system with this gateway setting.</summary>
    public static string Compose(string endpoint, string? gatewaySuffix) => gatewaySuffix is null ? endpoint : endpoint + gatewaySuffix;

    /// <summary>The suffix a system's routes carry: none, <c>~admin</c> (Admin Routing) or <c>~&gt;admin</c> (Outbound Only).</summary>
    public static string? GatewaySuffix(string? adminEndpoint, bool adminRouting, bool outboundOnly) =>
        adminEndpoint is null ? null
        : outboundOnly ? $"{GatewayMark}{RelayMark}{adminEndpoint}"
        : adminRouting ? $"{GatewayMark}{adminEndpoint}"
        : null;

    /// <summary>Whether the text has a gateway part (a cheap test for the common direct route).</summary>
    public static bool HasGateway(string route) => route.Contains(GatewayMark, StringComparison.Ordinal);

    /// <summary>Splits a route; a route without a gateway is all <see cref="Direct"/>.</summary>
    public static ActorRoute Parse(string route)
    {
        var mark = route.IndexOf(GatewayMark, StringComparison.Ordinal);
        if (mark < 0)
        {
            return new ActorRoute(route, null, false);
        }

        var relayed = mark + 1 < route.Length && route[mark + 1] == RelayMark;
        return new ActorRoute(route[..mark], route[(mark + (relayed ? 2 : 1))..], relayed);
    }

    /// <summary>Whether every endpoint in the route passes the transport's check.</summary>
    public static bool IsValid(string route, Func<string, bool> isEndpoint)
    {
        var parsed = Parse(route);
        return isEndpoint(parsed.Direct) && (parsed.Gateway is null || isEndpoint(parsed.Gateway));
    }

    /// <summary>Whether the route passes through <paramref name="endpoint"/> (directly or as its gateway).</summary>
    public static bool Mentions(string route, string endpoint)
    {
        if (route == endpoint)
        {
            return true;
        }

        if (!HasGateway(route))
        {
            return false;
        }

        var parsed = Parse(route);
        return parsed.Direct == endpoint || parsed.Gateway == endpoint;
    }

    /// <summary>
    /// The endpoint a process sends to for this route: the actor's own process when it has no gateway or the gateway is
    /// this process's admin (<paramref name="ownAdmin"/>); else the gateway; else, for an Outbound Only system, this
    /// process's admin — unless this process is that admin (<paramref name="isAdmin"/>), which sends to the gateway.
    /// </summary>
    public static string NextHop(string route, string? ownAdmin, bool isAdmin)
    {
        if (!HasGateway(route))
        {
            return route;
        }

        var parsed = Parse(route);
        if (parsed.Gateway == ownAdmin)
        {
            return parsed.Direct;
        }

        return parsed.Relayed && !isAdmin && ownAdmin is not null ? ownAdmin : parsed.Gateway!;
    }
}
