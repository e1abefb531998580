using System.Net.Sockets;
using Thespian;
using Thespian.Bases.MultiprocTcp;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Sockets;
using Thespian.Wire;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

[assembly: ThespianSystemBase(SystemBaseNames.MultiprocTcp, typeof(MultiprocTcpSystemBaseFactory))]

namespace Thespian.Bases.MultiprocTcp;

/// <summary>Starts or joins a multiprocTCPBase system (admin port default 1900), and makes its processes' TCP transports.</summary>
internal sealed class MultiprocTcpSystemBaseFactory : ISystemBaseFactory, IMultiprocTransports
{
    /// <summary>The default admin port.</summary>
    public const int DefaultAdminPort = 1900;

    /// <inheritdoc />
    public string BaseName => SystemBaseNames.MultiprocTcp;

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
        var options = new TcpTransportOptions
        {
            Port = port,
            ListenAddress = BaseAddress.Bind,
            MaxFrameBytes = WireProtocol.MaxFrameBytesFrom(capabilities),
            ReceivePoll = ReceivePollSetting.From(capabilities),
            FrameDeadline = TcpLimitSettings.FrameDeadlineFrom(capabilities),
            MaxInboundConnections = TcpLimitSettings.MaxInboundConnectionsFrom(capabilities),
            Secret = secret,
            Tls = tls,
            Role = role switch
            {
                TransportRole.Admin => WireRole.Admin,
                TransportRole.Client => WireRole.Client,
                _ => WireRole.Peer,
            },
        };
        try
        {
            return new TcpTransport(options);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new PortInUseException($"TCP port {port} on {options.ListenAddress} is taken ({ex.Message}).", ex);
        }
    }

    /// <inheritdoc />
    public IAdminProbe CreateAdminProbe(SystemSecret? secret, TlsCredentials? tls = null) => new TcpAdminProbe(secret, tls);
}
