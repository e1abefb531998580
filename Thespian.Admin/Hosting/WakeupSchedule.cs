using System.Diagnostics;

namespace Thespian.Admin.Hosting;

/// <summary>
/// The wakeups an actor host's actor has asked for and not yet had, in the order they come due. Only the mailbox's
/// owner touches it (the actor's own code schedules, the mailbox's runner takes what is due), so it needs no lock.
/// The host takes every due wakeup before it handles the next item: a wakeup that came due before a message arrived
/// is handled before that message, however late the timer that announces it runs (the timer only posts a reminder
/// on the thread pool, which a busy process may run late).
/// </summary>
internal sealed class WakeupSchedule
{
    private readonly PriorityQueue<WakeupMessage, (long Due, long Sequence)> _pending = new();
    private long _sequence;

    /// <summary>How many wakeups are scheduled and not yet taken.</summary>
    public int Count => _pending.Count;

    /// <summary>Schedules a wakeup <see cref="WakeupMessage.DelayPeriod"/> after <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Add(WakeupMessage wakeup, long now)
    {
        var due = now + (long)Math.Min(wakeup.DelayPeriod.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4);
        _pending.Enqueue(wakeup, (due, _sequence++));
    }

    /// <summary>Takes the earliest wakeup when it is due at <paramref name="now"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public bool TryTakeDue(long now, out WakeupMessage wakeup)
    {
        if (_pending.TryPeek(out var next, out var when) && when.Due <= now)
        {
            _ = _pending.Dequeue();
            wakeup = next;
            return true;
        }

        wakeup = null!;
        return false;
    }

    /// <summary>How long until the earliest wakeup is due at <paramref name="now"/> (zero when due), or null when none is scheduled.</summary>
    public TimeSpan? UntilNextDue(long now) =>
        _pending.TryPeek(out _, out var when)
            ? when.Due <= now ? TimeSpan.Zero : Stopwatch.GetElapsedTime(now, when.Due)
            : null;
}
