using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Thespian.Diagnostics;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Sources;
using Thespian.Wire;

namespace Thespian.Admin.Hosting;

/// <summary>
/// An actor host process: it tells the admin it is ready, is given one actor to run, and runs it with
/// Core's runtime on one thread fed by a mailbox, while I/O runs elsewhere. It exits when its actor
/// stops, when the admin says so, and within a second or two of the admin going away — no orphans.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "RunAsync disposes the node when the host exits.")]
internal sealed partial class ActorHost : IMultiprocHandler
{
    private static readonly TimeSpan AdminWatchPeriod = TimeSpan.FromMilliseconds(250);
    private static readonly int[] WarmGeneration = [1, 0];

    /// <summary>How many times <see cref="WarmUp"/> runs each step (well below the 30 calls that make a method hot).</summary>
    private const int WarmUpRounds = 3;

    private readonly MultiprocNode _node;
    private readonly ActorPath _actorPath;
    private readonly int _adminProcessId;
    private readonly OwnedMailbox<MailItem> _mailbox = new();
    private readonly WakeupReminders _wakeups;
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ThespianLogging _logging;
    private readonly LogRelay? _forwarding;
    private readonly SourceCatalog _sources = new();
    private readonly IdleMemoryTrim _idleTrim = new(quietFor: TimeSpan.FromSeconds(2), minimumAllocatedBytes: 256 * 1024);

    public ActorHost(ITransport transport, ActorPath actorPath, ActorAddress adminAddress, string adminEndpoint,
                     int adminProcessId, ThespianLogging logging, string baseName, LogRelay? forwarding = null)
    {
        _wakeups = new WakeupReminders(RemindAfter);
        _actorPath = actorPath;
        _actorPath.Sources = _sources;
        _adminProcessId = adminProcessId;
        _logging = logging;
        _node = new MultiprocNode(transport, actorPath.CreateAllowList(), logging.RuntimeLogger, baseName);
        _node.SetAdmin(adminAddress, adminEndpoint);
        SystemAddress = _node.AdminAddress!;
        _forwarding = forwarding;
        if (forwarding is not null)
        {
            forwarding.Sink = record => _node.SendControl(adminEndpoint, new ForwardedLogRecord(
                (int)record.Level, record.Category, record.EventId.Id, record.Message, record.Properties, Environment.ProcessId));
        }
    }

    /// <summary>Runs until the host should exit; returns the process exit code.</summary>
    public async Task<int> RunAsync()
    {
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
        _node.Start(this);
        using var mailboxDepth = ThespianMetrics.QueueDepths.Register(_node.BaseName, ThespianMetricsKinds.Mailbox, () => _mailbox.Count);
        var actorThread = new Thread(RunMailbox) { Name = "Thespian actor", IsBackground = true };
        actorThread.Start();
        _ = Task.Run(WatchAdminAsync);
        WarmUp();
        _node.SendControl(_node.AdminEndpoint!, new HostReady(Environment.ProcessId, _node.LocalEndpoint));
        await _exit.Task.ConfigureAwait(false);

        // Leaving without losing anything: stop receiving (senders learn at once that what this host has
        // not acknowledged was not received), dead-letter what is still in the mailbox, then wait until
        // everything sent has been acknowledged.
        _node.Transport.StopReceiving();
        _mailbox.Complete();
        actorThread.Join(TimeSpan.FromSeconds(5));
        await _node.Transport.CloseReceivingAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _node.Transport.FlushAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        await _node.DisposeAsync().ConfigureAwait(false);
        _logging.Dispose();
        return 0;
    }

    /// <summary>
    /// Runs the code an actor's start needs (reading a run request, resolving a type, building a cell's type info,
    /// checking capabilities, constructing an actor in its cell, writing a reply) while the host is still idle in the
    /// pool, so a hand-over does not pay for just-in-time compilation. Each step runs <see cref="WarmUpRounds"/> times:
    /// the first run takes the paths that fill the caches (contracts, type resolutions), and only a later one takes the
    /// paths a hand-over takes, which otherwise run for the first time there (a hand-over's request was read in
    /// 0.3–0.6 ms after one round, and in 15–60 µs once the path had run before).
    /// </summary>
    private void WarmUp()
    {
        var address = ActorAddress.CreateNew();
        var request = new RunActorRequest(0, address, typeof(HostReady).AssemblyQualifiedName!, address, null, null, null, null,
                                          new Dictionary<string, object?>
                                          {
                                              // The kinds of value a system's capabilities hold (see CommonCapabilities).
                                              ["Generation"] = WarmGeneration, ["Version"] = 1, ["Name"] = "warm", ["Watch"] = true,
                                          });
        var warmActor = ActorTypeInfo.Get(typeof(WarmUpActor));
        for (var round = 0; round < WarmUpRounds; round++)
        {
            _ = _node.Serializer.Deserialize(_node.Serializer.Serialize(request));
            _ = warmActor.PassesCapabilityCheck(request.Capabilities, requirements: null);
            _ = _node.Book.Intern(SystemAddress.Id);   // a known address: the lookup that finds one
            _ = ActorCellFactory.Create(this, ActorAddress.CreateNew(), warmActor, parent: null, globalName: null, sourceHash: null,
                                        troupeLeader: null, out _);
            _ = _node.Serializer.Serialize(new ControlReply(0, Address: address, Endpoint: _node.LocalEndpoint));
            _ = _node.Serializer.Deserialize(_node.Serializer.Serialize(new WakeupMessage(TimeSpan.Zero, "warm")));
            _ = ActorTypeInfo.Get(typeof(TroupeManager));
            _ = ActorTypeResolver.Resolve(typeof(TroupeManager).FullName!);
        }
    }

    /// <inheritdoc />
    public void OnDeliver(Envelope envelope, IReceipt receipt)
    {
        var item = new MailItem.Incoming(envelope, receipt);

        // Not the admin's envelopes: the actor may wait for the admin's answer to a request, which then could not be read.
        if (receipt.MayRunHandler && !receipt.FromAdmin)
        {
            RunHere(item);
            return;
        }

        // When the host is exiting this fails; the envelope is then never acknowledged, and its sender dead-letters it.
        _mailbox.TryWrite(item);
    }

    /// <inheritdoc />
    public void OnControl(IControlMessage message, Envelope envelope)
    {
        if (message is LogForwarding forwarding)
        {
            // Applies at once, not after the actor's queued messages: records logged from now on are passed on.
            _forwarding?.MinimumLevel = WireLogLevel.Read(forwarding.MinimumLevel, LogLevel.None);
            return;
        }

        _mailbox.TryWrite(new MailItem.Control(message, envelope));
    }

    /// <summary>
    /// Exits within moments of the admin's process ending, whatever the reason: the admin holds this
    /// process's standard input open, so its end shows at once as end-of-input; the admin's process id is
    /// also checked periodically in case standard input was not a pipe. At each look it also gives memory
    /// back once the host's actor has gone quiet (<see cref="IdleMemoryTrim"/>).
    /// </summary>
    private async Task WatchAdminAsync()
    {
        var adminClosedInput = Task.Run(async () =>
        {
            var buffer = new byte[64];
            try
            {
                using var input = Console.OpenStandardInput();
                while (await input.ReadAsync(buffer).ConfigureAwait(false) > 0)
                {
                }
            }
            catch (IOException)
            {
                // Treated as closed.
            }
        });
        while (!_exit.Task.IsCompleted)
        {
            var inputEnded = adminClosedInput.IsCompleted && Console.IsInputRedirected;
            if (inputEnded || !IsAlive(_adminProcessId))
            {
                _logging.RuntimeLogger.AdminGone(_adminProcessId);
                Environment.Exit(0);
            }

            // Not while waiting in the pool: a create that found the heap given back would pay for the page faults.
            if (Volatile.Read(ref _cell) is not null && _idleTrim.ShouldTrim(GC.GetTotalAllocatedBytes(), Environment.TickCount64))
            {
                IdleMemoryTrim.Trim();
            }

            await Task.WhenAny(Task.Delay(AdminWatchPeriod), _exit.Task, adminClosedInput).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SIGTERM: the actor is asked to exit (it gets <see cref="ActorExitRequest"/> after what it is handling, as on a
    /// system shutdown) and the host ends once it has stopped; a host with no actor yet ends at once.
    /// </summary>
    private void OnTerminate(PosixSignalContext context)
    {
        context.Cancel = true;
        _logging.RuntimeLogger.HostTerminated(Environment.ProcessId);
        if (Volatile.Read(ref _cell) is null || !_mailbox.TryWrite(new MailItem.Local(new ActorExitRequest(), SystemAddress)))
        {
            _exit.TrySetResult();
        }
    }

    private static bool IsAlive(int processId) => ProcessLiveness.IsAlive(processId);
}
