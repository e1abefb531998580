using Thespian.Multiproc;

namespace Thespian.Admin.Cli;

/// <summary>What answers on an admin port, as the verbs need it: fail fast rather than start an admin.</summary>
internal static class AdminProbing
{
    /// <summary>Whether a Thespian admin answers on <paramref name="port"/> (false when nothing listens there).</summary>
    /// <exception cref="CliException">Something that is not a Thespian admin answers (exit code 3).</exception>
    public static async Task<bool> IsRunningAsync(AdminBase adminBase, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adminBase);
        var (result, detail) = await adminBase.CreateProbe().ProbePatientlyAsync(adminBase.Endpoint(port), cancellationToken)
                                              .ConfigureAwait(false);
        return result switch
        {
            AdminProbeResult.ThespianAdmin => true,
            AdminProbeResult.Nothing => false,
            AdminProbeResult.Unauthenticated => throw CliException.Unauthenticated(port, detail),
            _ => throw CliException.NotAnAdmin(port, detail),
        };
    }

    /// <summary>Fails unless a Thespian admin answers on <paramref name="port"/>.</summary>
    /// <exception cref="CliException">Nothing listens there (exit code 1), or something else does (exit code 3).</exception>
    public static async Task RequireRunningAsync(AdminBase adminBase, int port, CancellationToken cancellationToken)
    {
        if (!await IsRunningAsync(adminBase, port, cancellationToken).ConfigureAwait(false))
        {
            throw CliException.NoAdmin(adminBase.Name, port);
        }
    }

    /// <summary>
    /// Wraps a probe so that joining a system can never start an admin: where the launcher would start one
    /// (nothing answers any more, e.g. it stopped after the first probe) this throws instead.
    /// </summary>
    /// <param name="inner">The base's probe.</param>
    /// <param name="baseName">The base name, for the message.</param>
    /// <param name="port">The admin port, for the message.</param>
    public static IAdminProbe JoinOnly(IAdminProbe inner, string baseName, int port) => new JoinOnlyProbe(inner, baseName, port);

    private sealed class JoinOnlyProbe(IAdminProbe inner, string baseName, int port) : IAdminProbe
    {
        public async Task<(AdminProbeResult Result, string Detail)> ProbeAsync(string endpoint, CancellationToken cancellationToken)
        {
            var (result, detail) = await inner.ProbeAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return result switch
            {
                AdminProbeResult.ThespianAdmin or AdminProbeResult.Unresponsive => (result, detail),
                AdminProbeResult.Nothing => throw CliException.NoAdmin(baseName, port),
                AdminProbeResult.Unauthenticated => throw CliException.Unauthenticated(port, detail),
                _ => throw CliException.NotAnAdmin(port, detail),
            };
        }
    }
}
