using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Admin.Cli;

/// <summary>A system base the command line manages: its name, default admin port, and how to reach its admin.</summary>
/// <param name="Transports">The base's transports (found by the base's name).</param>
internal sealed record AdminBase(IMultiprocTransports Transports)
{
    /// <summary>The file holding the system's secret (<c>--secret-file</c>), or null when none was named.</summary>
    public string? SecretFile { get; init; }

    /// <summary>The system's secret (from <c>--secret-file</c>, else <c>THESPIAN_SECRET_FILE</c>), or null when it has none.</summary>
    public SystemSecret? Secret { get; init; }

    /// <summary>The TLS capabilities the command line gave (<c>--tls-certificate</c>, <c>--tls-password-file</c>, <c>--tls-trust</c>).</summary>
    public IReadOnlyDictionary<string, object?> TlsCapabilities { get; init; } = new Dictionary<string, object?>();

    /// <summary>The system's TLS settings, loaded, or null when none were given.</summary>
    public TlsCredentials? Tls { get; init; }

    /// <summary>
    /// The capabilities that give a system this secret and these TLS settings: "Thespian Secret File" when
    /// <c>--secret-file</c> named one (the environment variable reaches the system by itself), and the TLS options'.
    /// </summary>
    public void AddCredentialsTo(IDictionary<string, object?> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        if (SecretFile is not null)
        {
            capabilities[CommonCapabilities.ThespianSecretFile] = SecretFile;
        }

        foreach (var (name, value) in TlsCapabilities)
        {
            capabilities[name] = value;
        }
    }

    /// <summary>The base of multiprocTCPBase systems (admin port 1900 by default).</summary>
    public static AdminBase Tcp { get; } = new(MultiprocTransports.For(SystemBaseNames.MultiprocTcp));

    /// <summary>The base's name, e.g. "multiprocTCPBase".</summary>
    public string Name => Transports.BaseName;

    /// <summary>Its default admin port.</summary>
    public int DefaultPort => Transports.DefaultAdminPort;

    /// <summary>The base for a name given on the command line (matched without regard to case).</summary>
    /// <exception cref="CliException">An unknown base, or one the command line cannot manage (exit code 2).</exception>
    public static AdminBase Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var known = SystemBaseLoader.KnownNames;
        var canonical = known.FirstOrDefault(k => string.Equals(k, name.Trim(), StringComparison.OrdinalIgnoreCase));
        return canonical switch
        {
            null => throw CliException.BadArguments(
                $"Unknown system base '{name}'. The known bases are: {string.Join(", ", known)} " +
                $"(thespian-admin manages {SystemBaseNames.MultiprocTcp} and {SystemBaseNames.MultiprocUdp})."),
            SystemBaseNames.Simple => throw CliException.BadArguments(
                $"The base {SystemBaseNames.Simple} runs inside one application and has no admin to manage; " +
                $"use --base {SystemBaseNames.MultiprocTcp} or --base {SystemBaseNames.MultiprocUdp}."),
            _ => Load(canonical),
        };
    }

    /// <summary>Makes a probe that checks what answers on an admin port.</summary>
    public IAdminProbe CreateProbe() => Transports.CreateAdminProbe(Secret, Tls);

    /// <summary>The admin's endpoint on this host (THESPIAN_BASE_IPADDR overrides 127.0.0.1).</summary>
    public string Endpoint(int port) => Transports.AdminEndpoint(port);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static AdminBase Load(string canonical)
    {
        try
        {
            return new AdminBase(MultiprocTransports.For(canonical));
        }
        catch (ActorSystemStartupFailureException ex)
        {
            throw CliException.BadArguments($"The base {canonical} cannot be used here: {ex.Message}");
        }
    }
}
