namespace Thespian.Runtime;

internal sealed partial class ActorCell
{
    /// <summary>
    /// A message while the actor waits for its initializing messages (as Python's <c>@initializing_messages</c>): one
    /// that fits an initializing member is stored there; system messages, and with pass-through every message, reach the
    /// handler at once; any other is held. When the last initializing member is filled, the actor's InitDone method runs
    /// and the held messages are delivered in their order.
    /// </summary>
    private void Initialize(Actor actor, InitializationGate gate, object message, ActorAddress sender)
    {
        var stored = gate.Store(actor, message, sender);
        if (gate.Spec.PassThrough || message is ActorSystemMessage)
        {
            Handle(actor, message, sender);
        }
        else if (!stored)
        {
            gate.Hold(message, sender);
        }

        if (!gate.IsComplete || State != ActorCellState.Running)
        {
            return;
        }

        _initialization = null;
        if (gate.Spec.InitDone is { } initDone)
        {
            try
            {
                _ = initDone.Invoke(actor, null);
            }
            catch (System.Reflection.TargetInvocationException ex) when (ex.InnerException is { } failure)
            {
                RuntimeLogger.InitDoneFailed(Address, initDone.Name, failure.GetType().Name, failure.Message);
            }
        }

        while (State == ActorCellState.Running && gate.TryTakeHeld(out var held, out var heldSender))
        {
            Handle(actor, held, heldSender);
        }

        // The actor stopped while the held ones were delivered: the rest were never handled.
        while (gate.TryTakeHeld(out var unhandled, out var unhandledSender))
        {
            Runtime.DeadLetter(Address, unhandled, unhandledSender);
        }
    }

    /// <summary>The actor stops before its initialization was complete: what it held becomes dead letters.</summary>
    private void DeadLetterHeldMessages()
    {
        if (_initialization is not { } gate)
        {
            return;
        }

        _initialization = null;
        while (gate.TryTakeHeld(out var held, out var sender))
        {
            Runtime.DeadLetter(Address, held, sender);
        }
    }
}
