using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Thespian.Diagnostics;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Admin.Admin;

/// <summary>
/// The admin of a multiproc system: listens on the admin port and owns the actor registry, global
/// names, dead-letter handlers, capabilities, status, the host pool and process supervision. All of its
/// state is touched only by one event loop (<see cref="Post"/>), so handlers need no locks. It never
/// deserializes a user message: bodies are routed as opaque bytes.
/// </summary>
internal sealed partial class AdminServer : IMultiprocHandler, IDeadLetterOffice, IAsyncDisposable
{
    private readonly AdminOptions _options;
    private readonly MultiprocNode _node;
    private readonly CapabilitySet _capabilities;
    private readonly HostPool _pool;
    private readonly IDisposable[] _processGauges;
    private readonly HostCommand _hostCommand;
    private readonly ILogger _logger;
    private readonly ILogger _memberLogger;
    private readonly OwnedMailbox<Action> _loop = new();
    private readonly LogRelay? _relay;
    private readonly LogRelay? _sinkRelay;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AdminServer(AdminOptions options, ITransport transport, ThespianLogging logging, LogRelay? relay = null,
                       LogRelay? sinkRelay = null)
    {
        _relay = relay;
        _sinkRelay = sinkRelay;
        _options = options;
        _logger = logging.CreateLogger("Thespian.Admin");
        _memberLogger = logging.CreateLogger(MemberLogCategory);
        _capabilities = new CapabilitySet(options.BaseName, 1, options.Capabilities,
        [
            new(CommonCapabilities.AdminPort, options.Port),
            new(CommonCapabilities.WatchSupported, true),
            new(CommonCapabilities.ProcessStartupMethod, options.WarmHosts > 0 ? "pool" : "spawn"),
        ]);
        _node = new MultiprocNode(transport, TypeAllowList.ThespianOnly, _logger, options.BaseName);
        SystemAddress = _node.Book.Register(ActorAddress.CreateNew(), transport.LocalEndpoint);
        _node.SetAdmin(SystemAddress, transport.LocalEndpoint);
        _node.Configure(_capabilities.Snapshot);
        _hostCommand = HostCommand.For(options.Application);
        _pool = new HostPool(HostStartInfo, options.WarmHosts, _logger);
        _processGauges =
        [
            ThespianMetrics.ActorProcesses.Register(options.BaseName, ThespianMetricsKinds.ActorProcess, () => _pool.BusyCount),
            ThespianMetrics.ActorProcesses.Register(options.BaseName, ThespianMetricsKinds.IdleProcess, () => _pool.IdleCount),
        ];
        _pool.HostExited += host => Post(() => OnHostExited(host));
    }

    /// <summary>The system's own address.</summary>
    public ActorAddress SystemAddress { get; }

    /// <summary>Completes when the admin has shut down.</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Starts listening, runs the event loop, and warms the pool.</summary>
    public void Start()
    {
        _node.Start(this);
        new Thread(RunLoop) { IsBackground = true, Name = "Thespian admin loop" }.Start();
        Post(StartConvention);
        StartLogRelay();
        StartSinkRelay();
        _pool.Refill();
        _logger.AdminListening(_node.LocalEndpoint, Environment.ProcessId);
        if (_options.Secret is null && _options.Tls is null && _node.ListensBeyondLoopback)
        {
            _logger.ExposedWithoutSecret(_node.LocalEndpoint);
        }
    }

    /// <summary>Runs an action on the admin's event loop (its thread runs it, or whichever thread owns the loop then).</summary>
    public void Post(Action action) => _loop.TryWrite(action);

    /// <inheritdoc />
    public void OnDeliver(Envelope envelope, IReceipt receipt)
    {
        RunHere(() => HandleDelivery(envelope));
        receipt.Done();
    }

    /// <inheritdoc />
    public void OnControl(IControlMessage message, Envelope envelope) => RunHere(() => HandleControl(message, envelope));

    /// <inheritdoc />
    public void OnDeadLetter(Envelope envelope) => Post(() => HandleDeadLetter(envelope.AsDeadLetterFor(SystemAddress.Id)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var gauge in _processGauges)
        {
            gauge.Dispose();
        }

        _pool.Dispose();
        await _node.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The admin loop's own thread: runs the actions whenever no receiving thread owns the loop.</summary>
    private void RunLoop()
    {
        while (_loop.TakeAll() is { } actions)
        {
            RunActions(actions);
        }
    }

    /// <summary>
    /// Adds an action from a connection's receiving thread and, when the loop is idle, runs the loop on this thread until
    /// it is empty (as the loop's thread would, sparing its wake-up); the connection is not read meanwhile. The admin
    /// never waits for an answer inside an action, so running one here cannot stop the answer from being read.
    /// </summary>
    private void RunHere(Action action) =>
        // A fault leaves the rest to the loop's thread and closes this connection.
        _loop.WriteAndRunIfIdle(action, this, static (actions, admin) => admin.RunActions(actions));

    /// <summary>
    /// The admin's loop: one action at a time, in order, on whichever thread owns it. What an action sends is written by
    /// that thread (control records at once, messages when the action is done), not handed to each connection's writer
    /// thread: a reply or a hand-over costs no thread wake-up in this process. A fault is logged and the loop goes on.
    /// </summary>
    private void RunActions(Queue<Action> actions)
    {
        using var batch = _node.Batch();
        while (actions.TryDequeue(out var action))
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                _logger.AdminLoopFault(ex.GetType().Name, ex.Message, ex);
            }
            finally
            {
                batch.Flush();
            }
        }
    }

    private void HandleControl(IControlMessage message, Envelope envelope)
    {
        switch (message)
        {
            case HostReady ready:
                SendControl(ready.Endpoint, new HostWelcome(_recentTypes.Snapshot()));
                TellNewHostTheSinkLevel(ready.Endpoint);
                _pool.OnHostReady(ready);
                break;
            case CreateActorRequest create:
                HandleCreate(create, envelope);
                break;
            case ActorStoppedNotice stopped:
                HandleActorStopped(stopped.Address.Id, stopped.Orphans);
                break;
            case ResolveRequest resolve:
                HandleResolve(resolve, envelope);
                break;
            case RegistrationRequest registration:
                HandleRegistration(registration);
                _node.Reply(envelope, new ControlReply(registration.RequestId));
                break;
            case UpdateCapabilityRequest update:
                HandleUpdateCapability(update, envelope);
                break;
            case SystemInfoRequest info:
                ReplyWith(envelope, new SystemInfoReply(info.RequestId, SystemAddress, _options.BaseName,
                                                       _capabilities.Snapshot, Environment.ProcessId));
                break;
            case ProcessesRequest processes:
                ReplyWith(envelope, new ProcessesReply(processes.RequestId, Environment.ProcessId,
                                                      _pool.All.Select(h => h.ProcessId).ToArray()));
                break;
            case LoadSourceRequest load:
                HandleLoadSource(load, envelope);
                break;
            case UnloadSourceRequest unload:
                HandleUnloadSource(unload, envelope);
                break;
            case ShutdownRequest shutdown:
                BeginShutdown(shutdown, envelope);
                break;
            case ConventionInfoRequest info:
                ReplyWith(envelope, ConventionInfo(info.RequestId));
                break;
            case ConventionCheckIn checkIn:
                HandleCheckIn(checkIn, envelope);
                break;
            case ConventionTableChanged changed:
                HandleTableChanged(changed, envelope);
                break;
            case ConventionLeave leave:
                HandleLeave(leave);
                break;
            case ConventionActorStopped stopped:
                HandlePlacedActorStopped(stopped);
                break;
            case PreRegisterRequest preRegister:
                HandlePreRegister(preRegister, envelope);
                break;
            case DeRegisterRequest deRegister:
                HandleDeRegister(deRegister, envelope);
                break;
            case GlobalNameClaim claim:
                HandleNameClaim(claim, envelope);
                break;
            case GlobalNameRelease release:
                HandleNameRelease(release);
                break;
            case SourceFetchRequest fetch:
                HandleSourceFetch(fetch, envelope);
                break;
            case ConventionLogRecord record:
                HandleMemberLog(record);
                break;
            case LogSinkRequest sink:
                HandleLogSink(sink, envelope);
                break;
            case ForwardedLogRecord record:
                ForwardToSinks(record);
                break;
            case ConventionInvite invite:
                HandleInvite(invite);
                break;
            default:
                _logger.ControlRefused(envelope.SenderEndpoint ?? "unknown", $"the admin does not handle {message.GetType().Name}");
                break;
        }
    }

    private void ReplyWith(Envelope request, IControlMessage reply)
    {
        if (request.SenderEndpoint is { } endpoint)
        {
            SendControl(endpoint, reply);
        }
    }

    private void SendControl(string endpoint, IControlMessage message)
    {
        try
        {
            _node.SendControl(endpoint, message);
        }
        catch (ObjectDisposedException)
        {
            // This admin is going away.
        }
        catch (ActorSystemException ex)
        {
            _logger.AdminLoopFault(ex.GetType().Name, ex.Message, ex);
        }
    }

    /// <summary>
    /// A control request to another system's admin that never throws: its answer; a failed <see cref="ControlReply"/> when
    /// the admin cannot be reached (or this one is stopping); null when no answer came in time. An "Outbound Only" admin
    /// first opens its return path to the other (<see cref="ITransport.OpenReturnPathAsync"/>), so the answer can come back.
    /// </summary>
    private async Task<IControlMessage?> AskOrFailureAsync(string endpoint, Func<long, IControlRequest> makeRequest, TimeSpan? timeout = null)
    {
        try
        {
            if (_node.OutboundOnly)
            {
                await _node.Transport.OpenReturnPathAsync(endpoint).WaitAsync(timeout ?? MultiprocNode.DefaultRequestTimeout).ConfigureAwait(false);
            }

            return await _node.AskControlAsync(endpoint, makeRequest, timeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ActorSystemRequestTimeoutException or TimeoutException)
        {
            return null;
        }
        catch (Exception ex) when (ex is ActorSystemException or ObjectDisposedException or System.Net.Sockets.SocketException or
                                         IOException or OperationCanceledException or ArgumentException)
        {
            return new ControlReply(0, ControlErrorKind.Failure, ex.Message);
        }
    }

    /// <summary><see cref="AskOrFailureAsync"/> for requests answered with a <see cref="ControlReply"/>: no answer is a failure too.</summary>
    private async Task<ControlReply> RequestOrFailureAsync(string endpoint, Func<long, IControlRequest> makeRequest, TimeSpan? timeout = null) =>
        await AskOrFailureAsync(endpoint, makeRequest, timeout).ConfigureAwait(false) switch
        {
            ControlReply reply => reply,
            null => new ControlReply(0, ControlErrorKind.Failure, $"{endpoint} did not answer in time."),
            var other => new ControlReply(0, ControlErrorKind.Failure, $"{endpoint} answered with {other.GetType().Name} where a ControlReply was expected."),
        };

    /// <summary>Sends a Thespian message (status, ChildActorExited, exit requests) from the system or another address.</summary>
    private void SendSystemMessage(ActorAddress from, ActorAddress to, object message)
    {
        try
        {
            _node.SendMessage(from, to, message);
        }
        catch (ObjectDisposedException)
        {
            // The admin is stopping.
        }
        catch (ActorSystemException ex)
        {
            _logger.AdminLoopFault(ex.GetType().Name, ex.Message, ex);
        }
    }

    private ProcessStartInfo HostStartInfo()
    {
        var start = _hostCommand.StartInfo();
        SecretSettings.HandDown(start.Environment, _options.Secret);
        TlsSettings.HandDown(start.Environment, _options.Tls);
        start.ArgumentList.Add("--base");
        start.ArgumentList.Add(_options.BaseName);
        start.ArgumentList.Add("--admin");
        start.ArgumentList.Add(_node.LocalEndpoint);
        start.ArgumentList.Add("--admin-id");
        start.ArgumentList.Add(SystemAddress.Id.ToHex());
        start.ArgumentList.Add("--admin-pid");
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_options.LogFile is { } logFile)
        {
            start.ArgumentList.Add("--log-file");
            start.ArgumentList.Add(logFile);
            start.ArgumentList.Add("--log-level");
            start.ArgumentList.Add(_options.LogLevel.ToString());
        }

        foreach (var folder in _options.ActorPath)
        {
            start.ArgumentList.Add("--actor-path");
            start.ArgumentList.Add(folder);
        }

        return start;
    }
}
