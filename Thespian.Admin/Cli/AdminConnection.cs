using Thespian.Multiproc;
using Thespian.Runtime;

namespace Thespian.Admin.Cli;

/// <summary>
/// A connection to a running admin, for the verbs that act on a system (status, stop, load, unload). It only
/// ever joins: when nothing answers on the port it fails with exit code 1, and it never starts an admin.
/// </summary>
internal sealed class AdminConnection : IAsyncDisposable
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);

    private readonly MultiprocSystemBase _system;
    private bool _shutDown;

    private AdminConnection(AdminBase adminBase, int port, MultiprocSystemBase system)
    {
        Base = adminBase;
        Port = port;
        _system = system;
    }

    /// <summary>The base of the system.</summary>
    public AdminBase Base { get; }

    /// <summary>The admin port.</summary>
    public int Port { get; }

    /// <summary>The admin's process id.</summary>
    public int AdminProcessId => _system.AdminProcessId;

    /// <summary>Connects to the admin on <paramref name="port"/>.</summary>
    /// <exception cref="CliException">Nothing listens there (exit code 1), or something that is not a Thespian admin does (exit code 3).</exception>
    /// <exception cref="ActorSystemException">The admin did not answer, or runs another base.</exception>
    public static async Task<AdminConnection> OpenAsync(AdminBase adminBase, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adminBase);
        await AdminProbing.RequireRunningAsync(adminBase, port, cancellationToken).ConfigureAwait(false);
        var capabilities = new Dictionary<string, object?> { [CommonCapabilities.AdminPort] = port };
        adminBase.AddCredentialsTo(capabilities);
        var system = MultiprocSystemBase.StartOrJoin(adminBase.Transports, capabilities, LogDefs.Disabled,
                                                     AdminProbing.JoinOnly(adminBase.CreateProbe(), adminBase.Name, port));
        return new AdminConnection(adminBase, port, (MultiprocSystemBase)system);
    }

    /// <summary>Asks the admin for the system's status.</summary>
    /// <exception cref="ActorSystemFailureException">No status came back in time.</exception>
    public async Task<ThespianSystemStatus> StatusAsync(CancellationToken cancellationToken)
    {
        using var endpoint = _system.OpenEndpoint();
        var answer = await endpoint.AskAsync(_system.SystemAddress, new ThespianStatusRequest(), StatusTimeout, cancellationToken)
                                   .ConfigureAwait(false);
        return answer as ThespianSystemStatus ?? throw new ActorSystemFailureException(
            answer is null
                ? $"The admin on port {Port} did not send its status within {StatusTimeout.TotalSeconds:0} s."
                : $"The admin on port {Port} answered the status request with {answer.GetType().Name}.");
    }

    /// <summary>The admin's process id and those of its actor hosts.</summary>
    public IReadOnlyList<int> HostProcessIds() => _system.QueryProcesses().HostProcessIds;

    /// <summary>What the admin knows of the other systems of its convention.</summary>
    public IReadOnlyList<ConventionMemberReport> ConventionSystems() => _system.QueryConvention().Systems;

    /// <summary>Loads a source zip; returns its hash.</summary>
    public string LoadSource(byte[] zip) => _system.LoadActorSource(zip);

    /// <summary>Unloads a source (an unknown hash is ignored).</summary>
    public void UnloadSource(string sourceHash) => _system.UnloadActorSource(sourceHash);

    /// <summary>Shuts the whole system down (every actor, every host, the admin); waits up to 15 s for the admin to exit.</summary>
    public void Shutdown()
    {
        _shutDown = true;
        _system.Shutdown();
    }

    /// <summary>Asks the admin to shut the system down and waits for its answer, but not for its process to end.</summary>
    public async Task RequestShutdownAsync(CancellationToken cancellationToken)
    {
        var reply = await _system.Node.RequestAsync(Base.Endpoint(Port), id => new ShutdownRequest(id), ShutdownTimeout,
                                                    cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            throw ControlErrors.ToException(reply);
        }
    }

    /// <summary>Leaves the system running and closes this connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_shutDown)
        {
            _shutDown = true;
            await _system.Node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
