namespace Thespian.Runtime;

/// <summary>
/// Stands at a troupe's address: creates workers on demand up to the maximum, hands each message to an
/// idle worker (or queues it), keeps the configured number of idle workers, and answers
/// <see cref="UpdateTroupeSettings"/>. Workers are its children; it is base-independent.
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
                DispatchPending();
                TrimIdle();
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

    private void DispatchPending()
    {
        while (_pending.Count > 0)
        {
            ActorAddress worker;
            if (_idle.First is { } first)
            {
                worker = first.Value;
                _idle.RemoveFirst();
            }
            else if (_workers.Count < _maxCount)
            {
                worker = CreateActor(WorkerType);
                _workers.Add(worker);
            }
            else
            {
                return;
            }

            Send(worker, _pending.Dequeue());
        }
    }

    private void TrimIdle()
    {
        while (_pending.Count == 0 && _idle.Count > _idleCount && _idle.Last is { } last)
        {
            _idle.RemoveLast();
            _workers.Remove(last.Value);
            Send(last.Value, new ActorExitRequest());
        }
    }
}
