using System.Diagnostics;
using Thespian.Runtime;

namespace Thespian.Bases.Simple;

internal sealed partial class SimpleSystemBase
{
    private readonly PriorityQueue<ScheduledWakeup, (long Due, long Sequence)> _wakeups = new();
    private long _wakeupSequence;

    /// <inheritdoc />
    public void WakeupAfter(ActorCell cell, TimeSpan period, object? payload)
    {
        var due = Stopwatch.GetTimestamp() + (long)(period.TotalSeconds * Stopwatch.Frequency);
        cell.PendingWakeups++;
        _wakeups.Enqueue(new ScheduledWakeup(cell, new WakeupMessage(period, payload)), (due, _wakeupSequence++));
    }

    /// <summary>When the earliest pending wakeup is due (a <see cref="Stopwatch"/> timestamp), if any (the caller holds the lock).</summary>
    internal long? NextWakeupDue => _wakeups.TryPeek(out _, out var priority) ? priority.Due : null;

    /// <summary>Queues the wakeups that have come due; returns whether there were any.</summary>
    private bool EnqueueDueWakeups()
    {
        if (_wakeups.Count == 0)
        {
            return false;
        }

        var now = Stopwatch.GetTimestamp();
        var any = false;
        while (_wakeups.TryPeek(out var wakeup, out var priority) && priority.Due <= now)
        {
            _wakeups.Dequeue();
            wakeup.Cell.PendingWakeups--;
            if (wakeup.Cell.IsRunning)
            {
                _queue.Enqueue(new Delivery(wakeup.Cell.Address, wakeup.Message, wakeup.Cell.Address));
                any = true;
            }
        }

        return any;
    }

    private readonly record struct ScheduledWakeup(ActorCell Cell, WakeupMessage Message);
}
