using System.Diagnostics;

namespace Thespian.Runtime;

/// <summary>
/// Wakeups asked for and not yet delivered, in the order they come due (those due at the same moment in the order they
/// were asked for). Times are <see cref="Stopwatch"/> timestamps. Not thread-safe: its owner serializes access (the
/// simple base under its lock, an actor host on its mailbox's runner). Both deliver every due wakeup before the next
/// message, so a wakeup that came due before a message arrived is handled before it, however late a timer runs.
/// </summary>
/// <typeparam name="T">What is scheduled: the wakeup, with whatever its owner needs to deliver it.</typeparam>
internal sealed class WakeupSchedule<T>
{
    private readonly PriorityQueue<T, (long Due, long Sequence)> _pending = new();
    private long _sequence;

    /// <summary>How many wakeups are scheduled and not yet taken.</summary>
    public int Count => _pending.Count;

    /// <summary>When the earliest wakeup is due, or null when none is scheduled.</summary>
    public long? NextDue => _pending.TryPeek(out _, out var when) ? when.Due : null;

    /// <summary>Schedules <paramref name="wakeup"/> <paramref name="delay"/> after <paramref name="now"/>.</summary>
    public void Add(T wakeup, TimeSpan delay, long now)
    {
        var due = now + (long)Math.Min(delay.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4);
        _pending.Enqueue(wakeup, (due, _sequence++));
    }

    /// <summary>Forgets every scheduled wakeup.</summary>
    public void Clear() => _pending.Clear();

    /// <summary>Takes the earliest wakeup when it is due at <paramref name="now"/>.</summary>
    public bool TryTakeDue(long now, out T wakeup)
    {
        if (_pending.TryPeek(out var next, out var when) && when.Due <= now)
        {
            _ = _pending.Dequeue();
            wakeup = next;
            return true;
        }

        wakeup = default!;
        return false;
    }

    /// <summary>How long until the earliest wakeup is due at <paramref name="now"/> (zero when due), or null when none is scheduled.</summary>
    public TimeSpan? UntilNextDue(long now) =>
        NextDue is { } due ? due <= now ? TimeSpan.Zero : Stopwatch.GetElapsedTime(now, due) : null;
}
