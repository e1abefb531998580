using System.Diagnostics;
using Thespian.Runtime;

namespace Thespian.Bases.Simple;

internal sealed partial class SimpleSystemBase
{
    private readonly WakeupSchedule<ScheduledWakeup> _wakeups = new();

    /// <inheritdoc />
    public void WakeupAfter(ActorCell cell, TimeSpan period, object? payload)
    {
        cell.PendingWakeups++;
        _wakeups.Add(new ScheduledWakeup(cell, new WakeupMessage(period, payload)), period, Stopwatch.GetTimestamp());
    }

    /// <summary>When the earliest pending wakeup is due (a <see cref="Stopwatch"/> timestamp), if any (the caller holds the lock).</summary>
    internal long? NextWakeupDue => _wakeups.NextDue;

    /// <summary>Queues the wakeups that have come due; returns whether there were any.</summary>
    private bool EnqueueDueWakeups()
    {
        if (_wakeups.Count == 0)
        {
            return false;
        }

        var now = Stopwatch.GetTimestamp();
        var any = false;
        while (_wakeups.TryTakeDue(now, out var wakeup))
        {
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
