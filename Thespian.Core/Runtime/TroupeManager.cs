namespace Thespian.Runtime;

/// <summary>
/// Stands at a troupe's address: creates workers on demand up to the maximum, hands each message to an
/// idle worker (or queues it), keeps the configured number of idle workers, and answers
/// <see cref="UpdateTroupeSettings"/> and the text commands of <see cref="TroupeCommands"/>. Lowered limits take effect
/// as workers finish: a finishing worker beyond the maximum is dismissed instead of given more work. Workers are its
/// children; it is base-independent.
/// </summary>
internal sealed class TroupeManager : Actor
{
    private readonly List<ActorAddress> _workers = [];
    private readonly LinkedList<ActorAddress> _idle = new();
    private readonly Queue<TroupeWork> _pending = new();
    private ActorTypeInfo? _worker;
    private int _maxCount;
    private int _idleCount;

    /// <summary>The actor type the workers run.</summary>
    public Type WorkerType => _worker?.Type ?? typeof(TroupeManager);

    /// <summary>Workers handling work now (a worker is busy from the work it is handed until it reports idle).</summary>
    private int BusyCount => _workers.Count - _idle.Count;

    /// <summary>Sets the worker type and limits, right after construction.</summary>
    public void Configure(ActorTypeInfo worker, TroupeAttribute settings)
    {
        _worker = worker;
        _maxCount = settings.MaxCount;
        _idleCount = settings.IdleCount;
    }

    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case TroupeWorkerIdle when _workers.Contains(sender):
                if (!_idle.Contains(sender))
                {
                    _idle.AddLast(sender);
                }

                DispatchPending();
                TrimIdle();
                break;
            case TroupeWorkerIdle:
                break;
            case ChildActorExited exited:
                _workers.Remove(exited.ChildAddress);
                _idle.Remove(exited.ChildAddress);
                DispatchPending();
                break;
            case ActorExitRequest:
                while (_pending.TryDequeue(out var work))
                {
                    Cell.Runtime.DeadLetter(MyAddress, work.Message, work.Sender);
                }

                break;
            case UpdateTroupeSettings update:
                Apply(update);
                Send(sender, new UpdateTroupeSettings { MaxCount = _maxCount, IdleCount = _idleCount });
                Rebalance();
                break;
            case string text when TroupeCommands.IsCommand(text):
                Send(sender, RunCommand(text));
                Rebalance();
                break;
            default:
                _pending.Enqueue(new TroupeWork(message, sender));
                DispatchPending();
                break;
        }
    }

    private void Apply(UpdateTroupeSettings update)
    {
        if (update.MaxCount is < 1 || update.IdleCount is < 0)
        {
            throw new ArgumentException(
                $"UpdateTroupeSettings needs MaxCount of at least 1 and IdleCount of at least 0; got MaxCount={update.MaxCount}, IdleCount={update.IdleCount}.",
                nameof(update));
        }

        _maxCount = update.MaxCount ?? _maxCount;
        _idleCount = update.IdleCount ?? _idleCount;
    }

    /// <summary>Runs a text command and returns its answer (Python's texts, word for word).</summary>
    private string RunCommand(string command)
    {
        if (command == TroupeCommands.Status)
        {
            return TroupeCommands.DescribeStatus(_idleCount, _maxCount, _workers, _idle, _pending.Count);
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

    /// <summary>After a change of limits: a raised maximum starts queued work now; a lowered one dismisses idle workers.</summary>
    private void Rebalance()
    {
        DispatchPending();
        TrimIdle();
    }

    private void DispatchPending()
    {
        while (_pending.Count > 0 && BusyCount < _maxCount)
        {
            ActorAddress worker;
            if (_idle.First is { } first)
            {
                worker = first.Value;
                _idle.RemoveFirst();
            }
            else
            {
                worker = CreateActor(WorkerType);
                _workers.Add(worker);
            }

            Send(worker, _pending.Dequeue());
        }
    }

    /// <summary>
    /// Dismisses idle workers beyond the idle count when there is no work, and any idle worker while the troupe has more
    /// workers than its maximum (after the maximum was lowered): busy workers are never interrupted.
    /// </summary>
    private void TrimIdle()
    {
        while (_idle.Last is { } last &&
               (_workers.Count > _maxCount || (_pending.Count == 0 && _idle.Count > _idleCount)))
        {
            _idle.RemoveLast();
            _workers.Remove(last.Value);
            Send(last.Value, new ActorExitRequest());
        }
    }
}
