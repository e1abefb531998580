using Microsoft.Extensions.Logging;
using Thespian.Diagnostics;

namespace Thespian.Runtime;

/// <summary>
/// One actor's life, independent of the base that runs it: construction, delivery with one retry and
/// then a <see cref="PoisonMessage"/>, exit requests (recursive to children), child bookkeeping,
/// status answers and troupe-worker reporting. The base owns scheduling: it calls <see cref="Deliver"/>
/// with one message at a time.
/// </summary>
internal sealed partial class ActorCell
{
    [ThreadStatic]
    private static ActorCell? t_constructing;

    private Actor? _actor;
    private ActorTypeInfo? _typeInfo;
    private List<ActorAddress>? _children;
    private ILogger? _logger;
    private bool _troupeBusy;
    private TransientTimer? _transient;
    private InitializationGate? _initialization;

    /// <summary>Creates a cell; <see cref="Start"/> then constructs the actor.</summary>
    public ActorCell(IActorRuntime runtime, ActorAddress address, ActorTypeInfo typeInfo, ActorAddress? parent,
                     string? globalName, string? sourceHash, ActorAddress? troupeLeader = null)
    {
        Runtime = runtime;
        Address = address;
        _typeInfo = typeInfo;
        TypeName = typeInfo.Name;
        Parent = parent;
        GlobalName = globalName;
        SourceHash = sourceHash;
        TroupeLeader = troupeLeader;
        BaseName = runtime.BaseName;
        address.LocalTarget = this;
    }

    /// <summary>The base that runs this cell.</summary>
    public IActorRuntime Runtime { get; }

    /// <summary>The name of the base that runs this cell (read once: the tag of its measurements and activities).</summary>
    public string BaseName { get; }

    /// <summary>The actor's address.</summary>
    public ActorAddress Address { get; }

    /// <summary>
    /// The actor's type. Released when the cell stops, so that an address kept by anyone does not pin the type
    /// (and the collectible source it may come from).
    /// </summary>
    public ActorTypeInfo TypeInfo => _typeInfo ?? throw new InvalidOperationException($"The actor {Address} ({TypeName}) has stopped.");

    /// <summary>The actor type's full name (kept after the cell stops).</summary>
    public string TypeName { get; }

    /// <summary>The parent, or null for top-level, named and orphaned actors.</summary>
    public ActorAddress? Parent { get; set; }

    /// <summary>The global name, for named actors.</summary>
    public string? GlobalName { get; }

    /// <summary>The source the actor's type came from, if any.</summary>
    public string? SourceHash { get; }

    /// <summary>The troupe manager, when this cell is a troupe worker.</summary>
    public ActorAddress? TroupeLeader { get; }

    /// <summary>The actor instance (null before start and after stop).</summary>
    public Actor? Actor => _actor;

    /// <summary>Where the cell is in its life.</summary>
    public ActorCellState State { get; private set; } = ActorCellState.Constructing;

    /// <summary>Whether the actor handles messages.</summary>
    public bool IsRunning => State == ActorCellState.Running;

    /// <summary>Messages received (status requests not counted).</summary>
    public long MessagesReceived { get; private set; }

    /// <summary>Messages sent by the actor.</summary>
    public long MessagesSent { get; set; }

    /// <summary>Wakeups scheduled and not yet delivered (kept by the base).</summary>
    public int PendingWakeups { get; set; }

    /// <summary>The live children.</summary>
    public IReadOnlyList<ActorAddress> Children => (IReadOnlyList<ActorAddress>?)_children ?? [];

    /// <summary>The actor's logger: carries its address on every record.</summary>
    public ILogger Logger => _logger ??= new ActorLogger(Runtime.Logging.CreateLogger(TypeName), Address);

    /// <summary>The logger for the runtime's own records about this actor.</summary>
    private ILogger RuntimeLogger => Runtime.Logging.RuntimeLogger;

    /// <summary>
    /// Called from the <see cref="Thespian.Actor"/> base constructor: hands the cell being constructed on
    /// this thread to the new instance (null when the instance was made with <c>new</c>, outside a system).
    /// </summary>
    public static ActorCell? ClaimConstructing(Actor actor)
    {
        var cell = t_constructing;
        t_constructing = null;
        if (cell is not null)
        {
            cell._actor = actor;
        }

        return cell;
    }

    /// <summary>Constructs the actor. Returns the constructor's exception, or null when the actor runs.</summary>
    public Exception? Start()
    {
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            var instance = TypeInfo.CreateInstance(Runtime.ActorFactory);
            if (!ReferenceEquals(instance, _actor))
            {
                throw new InvalidOperationException("The actor instance was not claimed by its constructor.");
            }

            State = ActorCellState.Running;
            ThespianMetrics.ActorsAlive.Add(BaseName, null, TypeName, 1);
            _transient = TypeInfo.Transient is { } transient ? new TransientTimer(transient) : null;
            _initialization = TypeInfo.Initialization is { } initialization ? new InitializationGate(initialization) : null;
            return null;
        }
        catch (Exception ex)
        {
            State = ActorCellState.Stopped;
            _actor = null;
            _typeInfo = null;
            return ex;
        }
        finally
        {
            t_constructing = previous;
        }
    }

    /// <summary>Records a new child.</summary>
    public void AddChild(ActorAddress child) => (_children ??= []).Add(child);

    /// <summary>Forgets a child.</summary>
    public void RemoveChild(ActorAddress child) => _children?.Remove(child);

    /// <summary>
    /// Delivers one message: status requests are answered by the system, exit requests stop the actor
    /// after it has seen them, a failure is retried once and then returned to the sender as poison.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Its sender.</param>
    /// <param name="traceContext">The trace context it came with (<see cref="ThespianTracing"/>), if any.</param>
    public void Deliver(object message, ActorAddress sender, string? traceContext = null)
    {
        var actor = _actor;
        if (actor is null || State != ActorCellState.Running)
        {
            // Troupe work goes back to its manager (TroupeDeadLetters), which hands it to another worker.
            Runtime.DeadLetter(Address, message, sender);
            return;
        }

        if (message is ActorSystemMessage && HandleSystemMessage(actor, ref message, ref sender))
        {
            return;
        }

        MessagesReceived++;
        ThespianMetrics.MessageReceived(BaseName, TypeName);
        using (ThespianTracing.BeginHandling(traceContext, BaseName, TypeName, message))
        {
            if (_initialization is { } initialization)
            {
                Initialize(actor, initialization, message, sender);
            }
            else
            {
                Handle(actor, message, sender);
            }
        }

        if (_troupeBusy)
        {
            ReportTroupeIdleIfDone(actor);
        }
    }

    /// <summary>Stops the cell as if it had handled an exit request (used when its process or base goes away).</summary>
    public void Stop(bool recursive)
    {
        if (State == ActorCellState.Stopped)
        {
            return;
        }

        if (State == ActorCellState.Running)
        {
            ThespianMetrics.ActorsAlive.Add(BaseName, null, TypeName, -1);
        }

        State = ActorCellState.Stopped;
        DeadLetterHeldMessages();
        var children = _children is null ? [] : _children.ToArray();
        _children = null;
        _actor = null;
        _typeInfo = null;
        if (recursive)
        {
            foreach (var child in children)
            {
                Runtime.SendSystem(Address, child, new ActorExitRequest(recursive: true));
            }
        }

        Runtime.ActorStopped(this, recursive ? [] : children);
    }

    /// <summary>This actor's status, as the system reports it.</summary>
    public ThespianActorStatus GetStatus() => new(Address, StatusTypeName, Parent, Children.ToArray(),
                                                  MessagesReceived, MessagesSent, PendingWakeups);

    private string StatusTypeName => _actor is TroupeManager manager
        ? manager.WorkerType.FullName ?? manager.WorkerType.Name
        : TypeName;

    private bool HandleSystemMessage(Actor actor, ref object message, ref ActorAddress sender)
    {
        switch (message)
        {
            case ThespianStatusRequest:
                Runtime.SendSystem(Address, sender, GetStatus());
                return true;
            case ActorExitRequest exit:
                MessagesReceived++;
                try
                {
                    actor.ReceiveMessage(exit, sender);
                }
                catch (Exception ex)
                {
                    RuntimeLogger.ExitHandlerFailed(Address, ex.GetType().Name, ex.Message);
                }

                Stop(exit.IsRecursive);
                return true;
            case ChildActorExited exited:
                RemoveChild(exited.ChildAddress);
                return false;
            case WakeupMessage { Payload: var payload } when ReferenceEquals(payload, TransientTimer.Marker):
                _transient?.OnTimer(this);
                return true;
            case TroupeWork work:
                message = work.Message;
                sender = work.Sender;
                _troupeBusy = true;
                return false;
            default:
                return false;
        }
    }

    /// <summary>Hands one message to the actor's handler: one retry, then a <see cref="PoisonMessage"/> to the sender.</summary>
    private void Handle(Actor actor, object message, ActorAddress sender)
    {
        _transient?.OnMessage(this, message);
        try
        {
            actor.ReceiveMessage(message, sender);
        }
        catch (Exception first)
        {
            Retry(actor, message, sender, first);
        }
    }

    private void Retry(Actor actor, object message, ActorAddress sender, Exception first)
    {
        RuntimeLogger.MessageFailedRetrying(Address, message.GetType().Name, first.GetType().Name, first.Message);
        try
        {
            actor.ReceiveMessage(message, sender);
        }
        catch (Exception second)
        {
            var details = $"{second.GetType().FullName}: {second.Message}";
            RuntimeLogger.MessagePoisoned(Address, message.GetType().Name, sender, details, second);
            ThespianMetrics.Poisoned(BaseName, TypeName);
            if (System.Diagnostics.Activity.Current is { } activity && activity.Source == ThespianTracing.Source)
            {
                ThespianTracing.Fail(activity, second);
            }

            if (message is not PoisonMessage)
            {
                Runtime.SendSystem(Address, sender, new PoisonMessage(message, details));
            }
        }
    }

    private void ReportTroupeIdleIfDone(Actor actor)
    {
        if (actor.TroupeWorkInProgressValue || State != ActorCellState.Running || TroupeLeader is null)
        {
            return;
        }

        _troupeBusy = false;
        Runtime.SendSystem(Address, TroupeLeader, TroupeWorkerIdle.Instance);
    }
}
