using System.Net.Sockets;
using Thespian;
using Thespian.Bases.MultiprocUdp;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Sockets;
using Thespian.Wire;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

[assembly: ThespianSystemBase(SystemBaseNames.MultiprocUdp, typeof(MultiprocUdpSystemBaseFactory))]

namespace Thespian.Bases.MultiprocUdp;

/// <summary>Starts or joins a multiprocUDPBase system (admin port default 1029), and makes its processes' UDP transports.</summary>
internal sealed class MultiprocUdpSystemBaseFactory : ISystemBaseFactory, IMultiprocTransports
{
    /// <summary>The default admin port.</summary>
    public const int DefaultAdminPort = 1029;

    /// <inheritdoc />
    public string BaseName => SystemBaseNames.MultiprocUdp;

    int IMultiprocTransports.DefaultAdminPort => DefaultAdminPort;

    /// <inheritdoc />
    public ISystemBase StartOrJoin(IDictionary<string, object?>? capabilities, LogDefs? logDefs) =>
        MultiprocSystemBase.StartOrJoin(this, capabilities, logDefs);

    /// <inheritdoc />
    public string AdminEndpoint(int port) => IpEndpoints.Format(BaseAddress.Host, port);

    /// <inheritdoc />
    public ITransport Create(TransportRole role, int port, IReadOnlyDictionary<string, object?>? capabilities, SystemSecret? secret,
                             TlsCredentials? tls)
    {
        RefuseTls(tls);
        var options = new UdpTransportOptions
        {
            Port = port,
            BindAddress = BaseAddress.Bind,
            MaxMessageBytes = WireProtocol.MaxFrameBytesFrom(capabilities),
            PeerTimeout = UdpPeerTimeout.From(capabilities),
            ReceivePoll = ReceivePollSetting.From(capabilities),
            Secret = secret,
            Role = role switch
            {
                TransportRole.Admin => WireRole.Admin,
                TransportRole.Client => WireRole.Client,
                _ => WireRole.Peer,
            },
        };
        try
        {
            return new UdpTransport(options);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new PortInUseException($"UDP port {port} on {options.BindAddress} is taken ({ex.Message}).", ex);
        }
    }

    /// <inheritdoc />
    public IAdminProbe CreateAdminProbe(SystemSecret? secret, TlsCredentials? tls = null)
    {
        RefuseTls(tls);
        return new UdpAdminProbe(secret);
    }

    /// <summary>TLS is a TCP matter: a UDP system given TLS settings fails to start rather than run without them.</summary>
    private static void RefuseTls(TlsCredentials? tls)
    {
        if (tls is not null)
        {
            throw new ActorSystemStartupFailureException(
                $"\"{CommonCapabilities.ThespianTlsCertificate}\" is set, but TLS runs on {SystemBaseNames.MultiprocTcp} only; " +
                $"{SystemBaseNames.MultiprocUdp} authenticates its datagrams with \"{CommonCapabilities.ThespianSecretFile}\". " +
                "Remove the TLS settings, or use the TCP base.");
        }
    }
}
