using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>
/// Envelopes for actors whose endpoint is not known yet (being created, or learnt from a bare address),
/// kept in order until the route arrives. While a target's backlog is being flushed, new envelopes for it
/// join the backlog, so nothing overtakes what was queued first.
/// </summary>
internal sealed class PendingRoutes
{
    private readonly Dictionary<ActorId, Queue<Envelope>> _waiting = [];
    private readonly Lock _gate = new();

    /// <summary>Queues the envelope if its target is waiting for a route; returns whether it did.</summary>
    public bool TryHold(ActorId target, Envelope envelope, bool startWaiting)
    {
        lock (_gate)
        {
            if (_waiting.TryGetValue(target, out var queue))
            {
                queue.Enqueue(envelope);
                return true;
            }

            if (!startWaiting)
            {
                return false;
            }

            _waiting[target] = new Queue<Envelope>([envelope]);
            return true;
        }
    }

    /// <summary>Starts holding envelopes for a target whose route is about to be known.</summary>
    public void Expect(ActorId target)
    {
        lock (_gate)
        {
            _waiting.TryAdd(target, new Queue<Envelope>());
        }
    }

    /// <summary>
    /// Hands every waiting envelope, in order, to <paramref name="forward"/> (outside the lock), including
    /// ones that arrive meanwhile; then stops holding the target.
    /// </summary>
    public void Release(ActorId target, Action<Envelope> forward)
    {
        while (true)
        {
            Envelope next;
            lock (_gate)
            {
                if (!_waiting.TryGetValue(target, out var queue))
                {
                    return;
                }

                if (!queue.TryDequeue(out next))
                {
                    _waiting.Remove(target);
                    return;
                }
            }

            forward(next);
        }
    }
}
