using Thespian.Diagnostics;
using Thespian.Runtime;

namespace Thespian.Bases.Simple;

internal sealed partial class SimpleSystemBase
{
    private readonly DeliveryQueue _queue = new();
    private readonly List<ActorAddress> _deadLetterHandlers = [];
    private bool _draining;
    private bool _shuttingDown;
    private bool _shutdownRequested;

    /// <summary>Whether actor code is running on this thread right now (the lock is re-entrant).</summary>
    internal bool IsInsideActorCode => _draining;

    /// <inheritdoc />
    public void Send(ActorCell sender, ActorAddress target, object message)
    {
        CheckTarget(target);
        _queue.Enqueue(new Delivery(target, message, sender.Address, ThespianTracing.Outgoing()));
    }

    /// <inheritdoc />
    public void SendSystem(ActorAddress from, ActorAddress target, object message) =>
        _queue.Enqueue(new Delivery(target, message, from, ThespianTracing.Outgoing()));

    /// <inheritdoc />
    public void HandleDeadLetters(ActorCell cell, bool enable)
    {
        _deadLetterHandlers.Remove(cell.Address);
        if (enable)
        {
            _deadLetterHandlers.Add(cell.Address);
        }
    }

    /// <inheritdoc />
    public void DeadLetter(ActorAddress deadAddress, object message, ActorAddress sender)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (TroupeDeadLetters.TryReturnToManager(deadAddress, message, sender, out var manager, out var returned))
        {
            SendSystem(deadAddress, manager, returned);
            return;
        }

        (deadAddress, message, sender) = TroupeDeadLetters.Unwrap(deadAddress, message, sender);
        if (!DeliveryRules.IsWorthADeadLetter(message))
        {
            _logging.RuntimeLogger.NoticeDropped(message.GetType().Name, deadAddress);
            return;
        }

        ThespianMetrics.DeadLetter(BaseName);
        if (_deadLetterHandlers.Count == 0)
        {
            _logging.RuntimeLogger.DeadLetterDropped(message.GetType().Name, deadAddress, sender);
            return;
        }

        foreach (var handler in _deadLetterHandlers)
        {
            _queue.Enqueue(new Delivery(handler, new DeadEnvelope(message, deadAddress), sender, ThespianTracing.Outgoing()));
        }
    }

    /// <summary>
    /// Queues a message from an external endpoint (the caller holds the lock). The wakeups that came due since the
    /// previous call are queued first, so they fire between that call and this one (as in Python): an actor asked
    /// how many wakeups it has had, after its wakeup's period has passed, has had that wakeup.
    /// </summary>
    internal void EnqueueFromEndpoint(ActorAddress target, object message, ActorAddress sender)
    {
        ThrowIfShutDown();
        CheckTarget(target);
        _ = EnqueueDueWakeups();
        _queue.Enqueue(new Delivery(target, message, sender, ThespianTracing.Outgoing()));
    }

    /// <summary>
    /// Delivers every queued message and every wakeup that has come due, and whatever they cause, until
    /// the system is at rest (the caller holds the lock). Does nothing when already running further up
    /// this thread's stack: that loop will deliver what was queued.
    /// </summary>
    internal void RunUntilRest()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        try
        {
            do
            {
                while (_queue.TryDequeue(out var delivery))
                {
                    Dispatch(delivery);
                }
            }
            while (EnqueueDueWakeups());
        }
        finally
        {
            _draining = false;
            _queue.TrimIfQuiet();
        }

        if (_shutdownRequested && !_shuttingDown)
        {
            _shutdownRequested = false;
            PerformShutdown();
        }
    }

    private void Dispatch(in Delivery delivery)
    {
        switch (delivery.Target.LocalTarget)
        {
            case ActorCell cell:
                cell.Deliver(delivery.Message, delivery.Sender, delivery.TraceContext);
                break;
            case SimpleEndpoint endpoint:
                endpoint.Accept(delivery.Message, delivery.Sender);
                break;
            default:
                HandleSystemMessage(delivery.Message, delivery.Sender);
                break;
        }
    }

    private void HandleSystemMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case ThespianStatusRequest:
                _queue.Enqueue(new Delivery(sender, BuildStatus(), SystemAddress));
                break;
            case ValidatedSource validated:
                AcceptValidatedSource(validated, sender);
                break;
            case PoisonMessage or ChildActorExited:
                break;
            default:
                _logging.RuntimeLogger.SystemIgnoredMessage(message.GetType().Name, sender);
                break;
        }
    }

    private void CheckTarget(ActorAddress target)
    {
        var local = target.LocalTarget;
        var ours = local switch
        {
            ActorCell cell => ReferenceEquals(cell.Runtime, this),
            SimpleEndpoint endpoint => ReferenceEquals(endpoint.System, this),
            _ => ReferenceEquals(local, this),
        };
        if (!ours)
        {
            throw new InvalidActorAddressException(
                $"The address {target} does not belong to this simpleSystemBase system; send only to addresses this system gave you.");
        }
    }
}
