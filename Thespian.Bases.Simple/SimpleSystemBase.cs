using Thespian.Diagnostics;
using Thespian.Runtime;

namespace Thespian.Bases.Simple;

/// <summary>
/// simpleSystemBase: every actor runs synchronously on the caller's thread. A <c>Tell</c>, <c>Ask</c>
/// or <c>Listen</c> delivers its message and everything that follows from it, in order, until the
/// system is at rest; wakeups that have come due are delivered during such calls, never in the
/// background. Messages are passed by reference. Capability checks are not run (guide §8.2).
/// One lock serializes all work, so several threads may use the system.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The logging is disposed by Shutdown, which ends the system's life.")]
internal sealed partial class SimpleSystemBase : ISystemBase, IActorRuntime
{
    private const int BaseVersion = 1;

    private readonly Lock _gate = new();

    /// <summary>The one lock that serializes all work in this system.</summary>
    internal Lock Gate => _gate;
    private readonly CapabilitySet _capabilities;
    private readonly ThespianLogging _logging;
    private readonly IDisposable _queueDepth;
    private bool _shutDown;

    public SimpleSystemBase(IDictionary<string, object?>? capabilities, LogDefs? logDefs)
    {
        _capabilities = new CapabilitySet(SystemBaseNames.Simple, BaseVersion, capabilities,
                                          [new(CommonCapabilities.WatchSupported, false)]);
        _logging = new ThespianLogging(logDefs);
        SystemAddress = ActorAddress.CreateNew(this);
        _queueDepth = ThespianMetrics.QueueDepths.Register(BaseName, ThespianMetricsKinds.DeliveryQueue, () => _queue.Count);
    }

    /// <inheritdoc />
    public string Name => SystemBaseNames.Simple;

    /// <inheritdoc />
    public string BaseName => SystemBaseNames.Simple;

    /// <inheritdoc />
    public bool IsShutDown => Volatile.Read(ref _shutDown);

    /// <inheritdoc />
    public bool EndsWithStarter => true;

    /// <inheritdoc />
    public ActorAddress SystemAddress { get; }

    /// <inheritdoc />
    public ThespianLogging Logging => _logging;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Capabilities => _capabilities.Snapshot;

    /// <inheritdoc />
    public ISystemEndpoint OpenEndpoint()
    {
        lock (_gate)
        {
            ThrowIfShutDown();
            return new SimpleEndpoint(this);
        }
    }

    /// <inheritdoc />
    public void UpdateCapability(string capabilityName, object? capabilityValue)
    {
        lock (_gate)
        {
            ThrowIfShutDown();
            _capabilities.Update(capabilityName, capabilityValue);
        }
    }

    /// <inheritdoc />
    public void UpdateCapability(ActorCell cell, string capabilityName, object? capabilityValue) =>
        _capabilities.Update(capabilityName, capabilityValue);

    /// <inheritdoc />
    public void Shutdown()
    {
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }

            if (_draining)
            {
                _shutdownRequested = true;
                return;
            }

            PerformShutdown();
        }
    }

    /// <inheritdoc />
    /// <remarks>The simple base's actors stop on the calling thread: the task is complete when returned.</remarks>
    public Task ShutdownAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Shutdown();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    void ISystemBase.Release()
    {
        // The simple system lives in this process only: the object that started it shuts it down instead.
    }

    /// <inheritdoc />
    ValueTask ISystemBase.ReleaseAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void ActorSystemShutdown(ActorCell cell) => _shutdownRequested = true;

    /// <inheritdoc />
    public void Watch(ActorCell cell, ThespianWatch watch) => throw new NotSupportedException(
        "The Watch extension is not supported by simpleSystemBase (its capability \"Thespian Watch Supported\" is false); " +
        "use WakeupAfter to poll, or run on multiprocTCPBase.");

    /// <inheritdoc />
    public void NotifyOnSystemRegistrationChanges(ActorCell cell, bool enable)
    {
        // The simple base never joins a convention, so there is never an update to send.
    }

    /// <inheritdoc />
    public void PreRegisterRemoteSystem(ActorCell cell, string remoteAddress, IDictionary<string, object?>? capabilities) =>
        _logging.RuntimeLogger.ConventionsNotSupported(nameof(PreRegisterRemoteSystem), Name);

    /// <inheritdoc />
    public void DeRegisterRemoteSystem(ActorCell cell, string remoteAddress) =>
        _logging.RuntimeLogger.ConventionsNotSupported(nameof(DeRegisterRemoteSystem), Name);

    /// <inheritdoc />
    public void DeRegisterRemoteSystem(ActorCell cell, ActorAddress remoteAdminAddress) =>
        _logging.RuntimeLogger.ConventionsNotSupported(nameof(DeRegisterRemoteSystem), Name);

    private void PerformShutdown()
    {
        _shuttingDown = true;
        try
        {
            RunUntilRest();
            for (var round = 0; round < 8 && _liveCells.Count > 0; round++)
            {
                var roots = _liveCells.Where(c => c.Parent is null || !IsLive(c.Parent)).ToList();
                foreach (var cell in roots.Count > 0 ? roots : _liveCells.ToList())
                {
                    _queue.Enqueue(new Delivery(cell.Address, new ActorExitRequest(recursive: true), SystemAddress));
                }

                RunUntilRest();
            }
        }
        finally
        {
            _queue.Clear();
            _wakeups.Clear();
            _liveCells.Clear();
            _globalNames.Clear();
            _deadLetterHandlers.Clear();
            _sources.UnloadAll();
            _shutDown = true;
            _queueDepth.Dispose();
            _logging.Dispose();
        }
    }

    private void ThrowIfShutDown()
    {
        if (_shutDown)
        {
            throw new ActorSystemFailureException(
                "This simpleSystemBase actor system has been shut down; create a new ActorSystem to continue.");
        }
    }
}
