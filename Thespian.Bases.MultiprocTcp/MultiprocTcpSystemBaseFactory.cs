using Thespian;
using Thespian.Bases.MultiprocTcp;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire;

[assembly: ThespianSystemBase(SystemBaseNames.MultiprocTcp, typeof(MultiprocTcpSystemBaseFactory))]

namespace Thespian.Bases.MultiprocTcp;

/// <summary>Starts or joins a multiprocTCPBase system (admin port default 1900).</summary>
internal sealed class MultiprocTcpSystemBaseFactory : ISystemBaseFactory
{
    /// <summary>The default admin port.</summary>
    public const int DefaultAdminPort = 1900;

    public ISystemBase StartOrJoin(IDictionary<string, object?>? capabilities, LogDefs? logDefs) =>
        MultiprocSystemBase.StartOrJoin(SystemBaseNames.MultiprocTcp, DefaultAdminPort, CreateClientTransport(),
                                        new TcpAdminProbe(), capabilities, logDefs);

    /// <summary>The transport of an application's (or a tool's) connection to a system: its own endpoint on the base address.</summary>
    public static TcpTransport CreateClientTransport() =>
        new(new TcpTransportOptions { Role = WireRole.Client, ListenAddress = BaseAddress.Bind });
}
