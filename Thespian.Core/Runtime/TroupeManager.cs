namespace Thespian.Runtime;

/// <summary>
/// Stands at a troupe's address: creates workers on demand up to the maximum, hands each message to an idle worker (or
/// queues it), keeps the configured number of idle workers, and answers <see cref="UpdateTroupeSettings"/> and the text
/// commands of <see cref="TroupeCommands"/>. It remembers the work each worker holds until the worker reports idle: when
/// a worker dies holding work (its <see cref="ChildActorExited"/>), or work handed to it comes back undelivered
/// (<see cref="TroupeWorkReturned"/>), the work is queued again at the front, once per hand-over, and goes to another
/// worker (as Python re-queues it). Spare idle workers retire after the idle grace, not at once. Lowered limits take
/// effect as workers finish: a finishing worker beyond the maximum is dismissed instead of given more work. Workers are
/// its children; it is base-independent.
/// </summary>
internal sealed class TroupeManager : Actor
{
    /// <summary>How often one piece of work is handed out again after the workers holding it died, before it is a dead letter.</summary>
    internal const int MaxRequeues = 3;

    private static readonly object RetireMarker = new();

    private readonly List<ActorAddress> _workers = [];
    private readonly TroupeIdleWorkers _idle = new();
    private readonly LinkedList<TroupeWork> _pending = new();
    private readonly Dictionary<ActorAddress, TroupeWork> _held = [];
    private ActorTypeInfo? _worker;
    private int _maxCount;
    private int _idleCount;
    private double _idleGraceSeconds;
    private long _nextIdent;
    private long _lastActivity;
    private bool _retireScheduled;

    /// <summary>The actor type the workers run.</summary>
    public Type WorkerType => _worker?.Type ?? typeof(TroupeManager);

    /// <summary>Workers handling work now (a worker is busy from the work it is handed until it reports idle).</summary>
    private int BusyCount => _workers.Count - _idle.Count;

    private long IdleGraceMs => (long)(_idleGraceSeconds * 1000);

    /// <summary>Sets the worker type and limits, right after construction.</summary>
    public void Configure(ActorTypeInfo worker, TroupeAttribute settings)
    {
        _worker = worker;
        _maxCount = settings.MaxCount;
        _idleCount = settings.IdleCount;
        _idleGraceSeconds = settings.IdleGraceSeconds;
    }

    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case TroupeWorkerIdle when _workers.Contains(sender):
                _held.Remove(sender);
                _lastActivity = Environment.TickCount64;
                _idle.Add(sender, _lastActivity);
                Rebalance();
                break;
            case TroupeWorkerIdle:
                break;
            case ChildActorExited exited:
                WorkerGone(exited.ChildAddress);
                DispatchPending();
                break;
            case TroupeWorkReturned returned:
                WorkReturned(returned);
                DispatchPending();
                break;
            case WakeupMessage { Payload: var payload } when ReferenceEquals(payload, RetireMarker):
                _retireScheduled = false;
                TrimIdle();
                break;
            case ActorExitRequest:
                while (_pending.First is { } first)
                {
                    _pending.RemoveFirst();
                    Cell.Runtime.DeadLetter(MyAddress, first.Value.Message, first.Value.Sender);
                }

                break;
            case UpdateTroupeSettings update:
                Apply(update);
                Send(sender, new UpdateTroupeSettings
                {
                    MaxCount = _maxCount, IdleCount = _idleCount, IdleGraceSeconds = _idleGraceSeconds,
                });
                Rebalance();
                break;
            case string text when TroupeCommands.IsCommand(text):
                Send(sender, RunCommand(text));
                Rebalance();
                break;
            default:
                _lastActivity = Environment.TickCount64;
                _pending.AddLast(new TroupeWork(message, sender, ++_nextIdent));
                DispatchPending();
                break;
        }
    }

    /// <summary>A worker has stopped: forget it, and queue again the work it held.</summary>
    private void WorkerGone(ActorAddress worker)
    {
        _workers.Remove(worker);
        _idle.Remove(worker);
        if (_held.Remove(worker, out var work))
        {
            Requeue(work, worker, "it exited");
        }
    }

    /// <summary>
    /// Work came back undelivered: queue it again if the worker still counts as holding it (else it was queued again
    /// already, when the worker's exit was reported). The worker is not given more work.
    /// </summary>
    private void WorkReturned(TroupeWorkReturned returned)
    {
        if (!_held.TryGetValue(returned.Worker, out var held) || held.Ident != returned.Work.Ident)
        {
            return;
        }

        _held.Remove(returned.Worker);
        _workers.Remove(returned.Worker);
        _idle.Remove(returned.Worker);
        Requeue(held, returned.Worker, "it could not be delivered");
    }

    private void Requeue(TroupeWork work, ActorAddress worker, string why)
    {
        if (work.Requeues >= MaxRequeues)
        {
            Cell.Runtime.Logging.RuntimeLogger.TroupeWorkAbandoned(MyAddress, work.Message.GetType().Name, work.Sender,
                                                                   work.Requeues + 1, worker, why);
            Cell.Runtime.DeadLetter(MyAddress, work.Message, work.Sender);
            return;
        }

        Cell.Runtime.Logging.RuntimeLogger.TroupeWorkRequeued(MyAddress, work.Message.GetType().Name, work.Sender, worker, why);
        _pending.AddFirst(work.Requeued());
    }

    private void Apply(UpdateTroupeSettings update)
    {
        if (update.MaxCount is < 1 || update.IdleCount is < 0 || update.IdleGraceSeconds is { } grace && !(grace >= 0))
        {
            throw new ArgumentException(
                "UpdateTroupeSettings needs MaxCount of at least 1, IdleCount and IdleGraceSeconds of at least 0; got " +
                $"MaxCount={update.MaxCount}, IdleCount={update.IdleCount}, IdleGraceSeconds={update.IdleGraceSeconds}.",
                nameof(update));
        }

        _maxCount = update.MaxCount ?? _maxCount;
        _idleCount = update.IdleCount ?? _idleCount;
        _idleGraceSeconds = update.IdleGraceSeconds ?? _idleGraceSeconds;
    }

    /// <summary>Runs a text command and returns its answer (Python's texts, word for word).</summary>
    private string RunCommand(string command)
    {
        if (command == TroupeCommands.Status)
        {
            return TroupeCommands.DescribeStatus(_idleCount, _maxCount, _workers, _idle.Workers, _pending.Count);
        }

        var isMax = command.StartsWith(TroupeCommands.SetMaxCount, StringComparison.Ordinal);
        var setting = isMax ? "max_count" : "idle_count";
        var minimum = isMax ? 1 : 0;
        if (!TroupeCommands.TryParseCount(command, minimum, out var count, out var problem))
        {
            return $"Error changing {setting} for troupe based on message \"{command}\": {problem}";
        }

        Apply(isMax ? new UpdateTroupeSettings { MaxCount = count } : new UpdateTroupeSettings { IdleCount = count });
        return $"Set troupe {setting} to {count}";
    }

    /// <summary>Starts queued work, then sheds idle workers beyond the limits.</summary>
    private void Rebalance()
    {
        DispatchPending();
        TrimIdle();
    }

    private void DispatchPending()
    {
        while (_pending.First is { } first && BusyCount < _maxCount)
        {
            if (!_idle.TryTakeMostRecent(out var worker))
            {
                worker = CreateActor(WorkerType);
                _workers.Add(worker);
            }

            _pending.RemoveFirst();
            _held[worker] = first.Value;
            Send(worker, first.Value);
        }
    }

    /// <summary>
    /// Dismisses idle workers at once while the troupe has more workers than its maximum (after the maximum was lowered),
    /// and, when there is no queued work, spare idle workers (beyond the idle count) once they and the troupe have been
    /// idle for the grace period (no work arrived or finished meanwhile: a burst whose workers start slowly keeps the
    /// workers that finished early); a wakeup comes back for the next one. Busy workers are never interrupted.
    /// </summary>
    private void TrimIdle()
    {
        while (_workers.Count > _maxCount && _idle.TryTakeLongestIdle(out var extra))
        {
            Dismiss(extra);
        }

        if (_pending.Count > 0)
        {
            return;
        }

        var now = Environment.TickCount64;
        while (_idle.TryTakeExpired(_idleCount, now, _lastActivity, IdleGraceMs, out var spare))
        {
            Dismiss(spare);
        }

        if (!_retireScheduled && _idle.MillisecondsUntilNextExpiry(_idleCount, now, _lastActivity, IdleGraceMs) is { } wait)
        {
            _retireScheduled = true;
            WakeupAfter(TimeSpan.FromMilliseconds(wait + 1), RetireMarker);
        }
    }

    private void Dismiss(ActorAddress worker)
    {
        _workers.Remove(worker);
        Send(worker, new ActorExitRequest());
    }
}
