namespace Thespian.Runtime;

/// <summary>
/// One actor's initialization in progress: which of its initializing members have been filled, and the messages held
/// until all have. Once complete it is dropped by the cell.
/// </summary>
internal sealed class InitializationGate(InitializationSpec spec)
{
    private readonly bool[] _filled = new bool[spec.Slots.Count];
    private readonly Queue<(object Message, ActorAddress Sender)> _held = new();
    private int _remaining = spec.Slots.Count;

    /// <summary>The type's spec.</summary>
    public InitializationSpec Spec => spec;

    /// <summary>Whether every initializing member has been filled.</summary>
    public bool IsComplete => _remaining == 0;

    /// <summary>Stores the message into every member it fits; returns whether it fitted any.</summary>
    public bool Store(Actor actor, object message, ActorAddress sender)
    {
        var fitted = false;
        for (var i = 0; i < _filled.Length; i++)
        {
            var slot = spec.Slots[i];
            if (!slot.Fits(message))
            {
                continue;
            }

            slot.Store(actor, message, sender);
            fitted = true;
            if (!_filled[i])
            {
                _filled[i] = true;
                _remaining--;
            }
        }

        return fitted;
    }

    /// <summary>Holds a message until initialization is complete.</summary>
    public void Hold(object message, ActorAddress sender) => _held.Enqueue((message, sender));

    /// <summary>The next held message, in arrival order.</summary>
    public bool TryTakeHeld(out object message, out ActorAddress sender)
    {
        if (_held.TryDequeue(out var held))
        {
            (message, sender) = held;
            return true;
        }

        message = null!;
        sender = null!;
        return false;
    }
}
