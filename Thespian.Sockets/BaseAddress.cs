using System.Net;

namespace Thespian.Sockets;

/// <summary>
/// The address every endpoint of a multiproc system binds and connects to: loopback unless
/// <c>THESPIAN_BASE_IPADDR</c> names another (Python binds every interface; this port does not by default).
/// </summary>
internal static class BaseAddress
{
    /// <summary>The configured address text.</summary>
    public static string Host => Environment.GetEnvironmentVariable("THESPIAN_BASE_IPADDR") is { Length: > 0 } configured
        ? configured.Trim()
        : "127.0.0.1";

    /// <summary>The configured address to bind.</summary>
    /// <exception cref="ActorSystemStartupFailureException">The variable is not an IP address.</exception>
    public static IPAddress Bind => IPAddress.TryParse(Host, out var address)
        ? address
        : throw new ActorSystemStartupFailureException(
            $"THESPIAN_BASE_IPADDR is '{Host}', which is not an IP address; set it to one of this host's addresses or unset it for loopback.");
}
