using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Multiproc;

/// <summary>Which part a process plays in a multiproc system (its transport may serve each differently).</summary>
internal enum TransportRole
{
    /// <summary>An application's (or a tool's) connection to a system.</summary>
    Client,

    /// <summary>The admin, on the admin port.</summary>
    Admin,

    /// <summary>An actor host process.</summary>
    Host,
}

/// <summary>
/// What a multiproc base provides the processes of its systems — the application, the admin and every actor host each
/// get their transport here, chosen by the base's name (<see cref="MultiprocTransports.For"/>). Implemented by the
/// base's <see cref="Runtime.ISystemBaseFactory"/>.
/// </summary>
internal interface IMultiprocTransports
{
    /// <summary>The base's name.</summary>
    string BaseName { get; }

    /// <summary>The admin port when the capability "Admin Port" does not say (1900 for TCP, 1029 for UDP).</summary>
    int DefaultAdminPort { get; }

    /// <summary>The admin's endpoint on this host for an admin port.</summary>
    string AdminEndpoint(int port);

    /// <summary>Makes and binds a transport for a process of <paramref name="role"/>.</summary>
    /// <param name="role">What the process is.</param>
    /// <param name="port">The port to bind (the admin's); 0 picks a free one.</param>
    /// <param name="capabilities">The system's capabilities as far as known (applied with <see cref="ITransport.Configure"/>).</param>
    /// <param name="secret">The system's shared secret (every connection or datagram proves it), or null when it has none.</param>
    /// <param name="tls">The system's TLS settings (every connection runs TLS), or null when it has none.</param>
    /// <exception cref="PortInUseException">The port is taken.</exception>
    /// <exception cref="ActorSystemStartupFailureException">The base cannot run TLS, and <paramref name="tls"/> is set.</exception>
    ITransport Create(TransportRole role, int port, IReadOnlyDictionary<string, object?>? capabilities, SystemSecret? secret,
                      TlsCredentials? tls);

    /// <summary>
    /// Makes a probe that checks what answers on an admin port (proving <paramref name="secret"/> when there is one, over
    /// TLS with <paramref name="tls"/>).
    /// </summary>
    IAdminProbe CreateAdminProbe(SystemSecret? secret, TlsCredentials? tls = null);
}

/// <summary>A transport could not bind its port because something else holds it.</summary>
internal sealed class PortInUseException(string message, Exception? inner = null) : Exception(message, inner);
