using Thespian.Bases.MultiprocTcp;
using Thespian.Multiproc;
using Thespian.Runtime;

namespace Thespian.Admin.Cli;

/// <summary>A system base the command line manages: its name, default admin port, and how to reach its admin.</summary>
/// <param name="Name">The base's name, e.g. "multiprocTCPBase".</param>
/// <param name="DefaultPort">Its default admin port.</param>
/// <param name="CreateProbe">Makes a probe that checks what answers on an admin port.</param>
/// <param name="CreateTransport">Makes the client transport a connection to the admin uses.</param>
internal sealed record AdminBase(string Name, int DefaultPort, Func<IAdminProbe> CreateProbe, Func<ITransport> CreateTransport)
{
    /// <summary>The base of multiprocTCPBase systems (admin port 1900 by default).</summary>
    public static AdminBase Tcp { get; } = new(
        SystemBaseNames.MultiprocTcp,
        MultiprocTcpSystemBaseFactory.DefaultAdminPort,
        () => new TcpAdminProbe(),
        MultiprocTcpSystemBaseFactory.CreateClientTransport);

    /// <summary>The base for a name given on the command line (matched without regard to case).</summary>
    /// <exception cref="CliException">An unknown base, or one the command line cannot manage (exit code 2).</exception>
    public static AdminBase Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = SystemBaseLoader.KnownNames;
        var canonical = known.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return canonical switch
        {
            SystemBaseNames.MultiprocTcp => Tcp,
            SystemBaseNames.MultiprocUdp => throw CliException.BadArguments(
                $"The base {SystemBaseNames.MultiprocUdp} is not built yet; use --base {SystemBaseNames.MultiprocTcp}."),
            SystemBaseNames.Simple => throw CliException.BadArguments(
                $"The base {SystemBaseNames.Simple} runs inside one application and has no admin to manage; " +
                $"use --base {SystemBaseNames.MultiprocTcp}."),
            _ => throw CliException.BadArguments(
                $"Unknown system base '{name}'. The known bases are: {string.Join(", ", known)} " +
                $"(thespian-admin manages {SystemBaseNames.MultiprocTcp})."),
        };
    }

    /// <summary>The admin's endpoint on this host ("host:port"; THESPIAN_BASE_IPADDR overrides 127.0.0.1).</summary>
    public static string Endpoint(int port) =>
        BaseAddress.Host + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() => Name;
}
