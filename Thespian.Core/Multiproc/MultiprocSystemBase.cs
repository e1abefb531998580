using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Thespian.Runtime;
using Thespian.Wire;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Multiproc;

/// <summary>
/// An application's view of a multiproc system (TCP or UDP: the transport is a seam). Starting it
/// starts the admin when none answers on the admin port, else joins the one there; endpoints and
/// top-level creates go through the admin, messages go straight to the actors' processes.
/// </summary>
internal sealed class MultiprocSystemBase : ISystemBase, IMultiprocHandler
{
    private static readonly TimeSpan AdminExitWait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ShutdownReplyWait = TimeSpan.FromSeconds(60);

    private readonly MultiprocNode _node;
    private readonly ThespianLogging _logging;
    private readonly ConcurrentDictionary<ActorId, ExternalEndpoint> _endpoints = new();
    private readonly string _adminEndpoint;
    private ApplicationLogSink? _logSink;
    private int _adminProcessId;
    private long _adminCheckedAt;
    private volatile bool _shutDown;
    private volatile bool _released;
    private int _detached;

    private MultiprocSystemBase(string name, MultiprocNode node, ThespianLogging logging, string adminEndpoint)
    {
        Name = name;
        _node = node;
        _logging = logging;
        _adminEndpoint = adminEndpoint;
        SystemAddress = null!;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool IsShutDown => _shutDown || Volatile.Read(ref _detached) != 0 || AdminHasEnded();

    /// <inheritdoc />
    public bool EndsWithStarter => false;

    /// <inheritdoc />
    public ActorAddress SystemAddress { get; private set; }

    /// <summary>The admin's process id (tests check that it is gone after shutdown).</summary>
    public int AdminProcessId => _adminProcessId;

    /// <summary>The node (tests and tools).</summary>
    internal MultiprocNode Node => _node;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Capabilities => QueryInfo().Capabilities;

    /// <summary>Starts or joins the system whose admin listens on the admin port, over the base's transport.</summary>
    /// <param name="transports">The base's transports.</param>
    /// <param name="capabilities">The capabilities of a new system (and "Admin Port").</param>
    /// <param name="logDefs">Where this process and a new admin log.</param>
    /// <param name="probe">What checks the admin port (the base's own probe when null).</param>
    public static ISystemBase StartOrJoin(IMultiprocTransports transports, IDictionary<string, object?>? capabilities, LogDefs? logDefs,
                                          IAdminProbe? probe = null)
    {
        CapabilitySet.RefuseReadOnly(capabilities);
        ProcessStartupMethods.Refuse(capabilities);
        var secret = SecretSettings.From(capabilities);
        var tls = TlsSettings.From(capabilities);
        capabilities = TlsSettings.Redact(SecretSettings.Redact(capabilities));
        var name = transports.BaseName;
        var port = AdminPort(capabilities, transports.DefaultAdminPort);
        var adminEndpoint = transports.AdminEndpoint(port);
        probe ??= transports.CreateAdminProbe(secret, tls);
        var transport = transports.Create(TransportRole.Client, 0, capabilities?.AsReadOnly(), secret, tls);
        var logging = new ThespianLogging(logDefs);
        if (secret is null && tls is null && transport.ListensBeyondLoopback)
        {
            logging.RuntimeLogger.ExposedWithoutSecret(transport.LocalEndpoint);
        }

        var actorPath = new ActorPath([]);
        var node = new MultiprocNode(transport, actorPath.CreateAllowList(), logging.RuntimeLogger, name);
        var system = new MultiprocSystemBase(name, node, logging, adminEndpoint);
        node.Start(system);
        try
        {
            AdminLauncher.EnsureRunningAsync(probe, adminEndpoint, port, name, capabilities, logDefs, secret: secret, tls: tls).GetAwaiter().GetResult();
            var info = system.QueryInfo();
            if (info.BaseName != name)
            {
                throw new ActorSystemStartupFailureException(
                    $"The admin on port {port} runs {info.BaseName}, not {name}; choose another \"{CommonCapabilities.AdminPort}\".");
            }

            system.SystemAddress = info.SystemAddress;
            system._adminProcessId = info.AdminProcessId;
            node.SetAdmin(info.SystemAddress, adminEndpoint);
            node.Configure(info.Capabilities);
            if (ApplicationLogSink.For(logDefs) is { } sink)
            {
                // The admin's and the actors' records then reach the application's own providers too.
                system._logSink = sink;
                sink.Register(node, adminEndpoint);
            }

            return system;
        }
        catch
        {
            node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            logging.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ISystemEndpoint OpenEndpoint()
    {
        ThrowIfShutDown();
        var endpoint = new ExternalEndpoint(this, _node, _logging);
        _endpoints[endpoint.Address.Id] = endpoint;
        return endpoint;
    }

    /// <summary>Forgets a disposed endpoint.</summary>
    internal void Close(ExternalEndpoint endpoint)
    {
        _endpoints.TryRemove(endpoint.Address.Id, out _);
        DetachIfUnused();
    }

    /// <inheritdoc />
    public void Release()
    {
        _released = true;
        DetachIfUnused();
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync()
    {
        _released = true;
        if (ClaimDetach())
        {
            LeaveLogSinks();
            await _node.DisposeAsync().ConfigureAwait(false);
            _logging.Dispose();
        }
    }

    /// <summary>Frees this process's listener and connections once the starter is disposed and no endpoint is open.</summary>
    private void DetachIfUnused()
    {
        if (ClaimDetach())
        {
            LeaveLogSinks();
            _node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _logging.Dispose();
        }
    }

    /// <summary>This process leaves the running system: its admin stops sending it log records.</summary>
    private void LeaveLogSinks()
    {
        if (_logSink is not null && !AdminHasEnded())
        {
            ApplicationLogSink.Leave(_node, _adminEndpoint);
        }
    }

    /// <summary>Whether this call is the one to detach: the starter is disposed, no endpoint is open, and none detached yet.</summary>
    private bool ClaimDetach() =>
        _released && _endpoints.IsEmpty && !_shutDown && Interlocked.Exchange(ref _detached, 1) == 0;

    /// <inheritdoc />
    public ActorAddress CreateActor(ActorSpec spec, object? requirements, string? globalName, string? sourceHash)
    {
        ThrowIfShutDown();
        var (_, makeRequest) = CreateRequest(spec, requirements, globalName, sourceHash);
        return Created(Request(makeRequest));
    }

    /// <inheritdoc />
    public async Task<ActorAddress> CreateActorAsync(ActorSpec spec, object? requirements, string? globalName, string? sourceHash,
                                                     CancellationToken cancellationToken)
    {
        ThrowIfShutDown();
        var (_, makeRequest) = CreateRequest(spec, requirements, globalName, sourceHash);
        var reply = await _node.RequestAsync(_adminEndpoint, makeRequest, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Created(reply);
    }

    /// <inheritdoc />
    /// <remarks>Always null: actors run in other processes, which use <see cref="ActorFactoryAttribute"/>.</remarks>
    public IActorFactory? ActorFactory => null;

    /// <inheritdoc />
    public void UseActorFactory(IActorFactory factory)
    {
        // Actors run in the admin's actor processes, never here: they take their factory from ActorFactoryAttribute.
    }

    private (ActorAddress Address, Func<long, IControlRequest> MakeRequest) CreateRequest(ActorSpec spec, object? requirements,
                                                                                          string? globalName, string? sourceHash)
    {
        var typeName = spec.Type?.AssemblyQualifiedName ?? spec.TypeName!;
        var requirementsJson = requirements is null ? null : Encoding.UTF8.GetString(_node.Serializer.Serialize(requirements));
        var address = _node.Book.Register(ActorAddress.CreateNew(), endpoint: null);
        return (address, id => new CreateActorRequest(id, address, typeName, null, globalName, sourceHash,
                                                      requirementsJson, null, AppContext.BaseDirectory,
                                                      Requirements: CapabilityRequirement.Of(spec.Type)));
    }

    private ActorAddress Created(ControlReply reply)
    {
        if (!reply.Succeeded)
        {
            throw ControlErrors.ToException(reply);
        }

        var created = _node.Book.Intern(reply.Address!.Id);
        _node.RouteKnown(created.Id, reply.Endpoint!);
        return created;
    }

    /// <inheritdoc />
    public void UpdateCapability(string capabilityName, object? capabilityValue)
    {
        ThrowIfShutDown();
        var reply = Request(id => new UpdateCapabilityRequest(id, capabilityName, capabilityValue));
        if (!reply.Succeeded)
        {
            throw reply.Error == ControlErrorKind.InvalidArgument
                ? new ArgumentException(reply.Message, nameof(capabilityName))
                : ControlErrors.ToException(reply);
        }

        _node.Configure(Capabilities);
    }

    /// <inheritdoc />
    public string LoadActorSource(byte[] zipData)
    {
        ThrowIfShutDown();
        var reply = Request(id => new LoadSourceRequest(id, zipData));
        return reply.Succeeded ? reply.Message! : throw ControlErrors.ToException(reply);
    }

    /// <inheritdoc />
    public void UnloadActorSource(string sourceHash)
    {
        ThrowIfShutDown();
        var reply = Request(id => new UnloadSourceRequest(id, sourceHash));
        if (!reply.Succeeded)
        {
            throw ControlErrors.ToException(reply);
        }
    }

    /// <inheritdoc />
    public void Shutdown()
    {
        if (!BeginShutdown())
        {
            return;
        }

        try
        {
            Request(id => new ShutdownRequest(id), ShutdownReplyWait);
            WaitForAdminExit();
        }
        catch (ActorSystemException)
        {
            // The admin is already gone.
        }
        finally
        {
            _shutDown = true;
            _node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _logging.Dispose();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Waits for the admin's reply and its exit without holding a thread. Cancelling stops the wait, not the shutdown the
    /// admin has begun; this object is shut down either way.
    /// </remarks>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!BeginShutdown())
        {
            return;
        }

        try
        {
            await _node.RequestAsync(_adminEndpoint, id => new ShutdownRequest(id), ShutdownReplyWait,
                                     cancellationToken: cancellationToken).ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < AdminExitWait && ProcessLiveness.IsAlive(_adminProcessId))
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ActorSystemException)
        {
            // The admin is already gone.
        }
        finally
        {
            _shutDown = true;
            await _node.DisposeAsync().ConfigureAwait(false);
            _logging.Dispose();
        }
    }

    /// <summary>Whether a shutdown is still to be made (false once made); refuses on an object already detached.</summary>
    private bool BeginShutdown()
    {
        if (_shutDown)
        {
            return false;
        }

        if (Volatile.Read(ref _detached) != 0)
        {
            throw new ActorSystemFailureException(
                $"This {Name} ActorSystem object was disposed; join the system with a new ActorSystem to shut it down.");
        }

        return true;
    }

    /// <summary>The process ids of the admin and every host it runs (tests: nothing may outlive shutdown).</summary>
    internal ProcessesReply QueryProcesses() =>
        _node.AskControl(_adminEndpoint, id => new ProcessesRequest(id)) switch
        {
            ProcessesReply processes => processes,
            var other => throw new ActorSystemFailureException($"The admin did not list its processes: {(other as ControlReply)?.Message}"),
        };

    /// <summary>What the admin knows of the other systems of its convention (the command line's status).</summary>
    internal ConventionInfoReply QueryConvention() =>
        _node.AskControl(_adminEndpoint, id => new ConventionInfoRequest(id)) switch
        {
            ConventionInfoReply info => info,
            var other => throw new ActorSystemFailureException($"The admin did not describe its convention: {(other as ControlReply)?.Message}"),
        };

    /// <inheritdoc />
    public void OnDeliver(Envelope envelope, IReceipt receipt)
    {
        if (_endpoints.TryGetValue(envelope.Target, out var endpoint))
        {
            endpoint.Accept(envelope);
        }
        else
        {
            _node.DeadLetter(envelope);
        }

        receipt.Done();
    }

    /// <inheritdoc />
    public void OnControl(IControlMessage message, Envelope envelope)
    {
        // Besides replies, which the node matches to their requests, applications receive only forwarded log records.
        if (message is ForwardedLogRecord record)
        {
            _logSink?.Write(record);
        }
    }

    private SystemInfoReply QueryInfo() =>
        _node.AskControl(_adminEndpoint, id => new SystemInfoRequest(id)) switch
        {
            SystemInfoReply info => info,
            var other => throw new ActorSystemFailureException($"The admin did not answer: {(other as ControlReply)?.Message}"),
        };

    private ControlReply Request(Func<long, IControlRequest> makeRequest, TimeSpan? timeout = null) =>
        _node.Request(_adminEndpoint, makeRequest, timeout);

    private void WaitForAdminExit()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < AdminExitWait && ProcessLiveness.IsAlive(_adminProcessId))
        {
            Thread.Sleep(10);
        }
    }

    /// <summary>
    /// Whether the admin's process has ended (an actor called ActorSystemShutdown, another process shut the
    /// system down, or the admin died), checked at most every 100 ms so Tell stays cheap.
    /// </summary>
    private bool AdminHasEnded()
    {
        if (_adminProcessId == 0)
        {
            return false;
        }

        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref _adminCheckedAt) < 100)
        {
            return false;
        }

        Volatile.Write(ref _adminCheckedAt, now);
        if (ProcessLiveness.IsAlive(_adminProcessId))
        {
            return false;
        }

        _shutDown = true;
        return true;
    }

    private static int AdminPort(IDictionary<string, object?>? capabilities, int defaultPort)
    {
        if (capabilities is null || !capabilities.TryGetValue(CommonCapabilities.AdminPort, out var value) || value is null)
        {
            return defaultPort;
        }

        return value switch
        {
            int port and >= 1 and <= 65535 => port,
            long port and >= 1 and <= 65535 => (int)port,
            string text when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 => port,
            _ => throw new ArgumentException(
                $"The capability \"{CommonCapabilities.AdminPort}\" must be a port number from 1 to 65535; got {value}.", nameof(capabilities)),
        };
    }

    private void ThrowIfShutDown()
    {
        if (_shutDown)
        {
            throw new ActorSystemFailureException($"This {Name} actor system has been shut down; create a new ActorSystem to continue.");
        }
    }
}
