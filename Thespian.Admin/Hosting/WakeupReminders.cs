using System.Diagnostics;
using Thespian.Runtime;

namespace Thespian.Admin.Hosting;

/// <summary>
/// An actor host's wakeups: their schedule, and the reminders that make the actor thread look at it. A reminder is a
/// timer that posts an item to the mailbox when a wakeup should be due. Whatever item runs next takes every wakeup due by
/// then first (so a wakeup never waits for its own reminder, however late a busy thread pool runs the timer), and a
/// reminder that finds none due, because timers may run a little early, asks for another. Both decisions use one reading
/// of the clock: with two, a wakeup falling due between them was neither delivered nor reminded of again, and waited for
/// the actor's next message (seen in CI, a reminder running 1 ms before a 20 ms wakeup was due).
/// Not thread-safe: the mailbox's runner serializes access.
/// </summary>
/// <param name="remindAfter">Posts a reminder to the mailbox after the given delay.</param>
/// <param name="clock">The time, as a <see cref="Stopwatch"/> timestamp (tests pass their own).</param>
internal sealed class WakeupReminders(Action<TimeSpan> remindAfter, Func<long>? clock = null)
{
    /// <summary>How long after the earliest wakeup is due a repeated reminder runs (timers round to milliseconds).</summary>
    private static readonly TimeSpan ReminderMargin = TimeSpan.FromMilliseconds(1);

    private readonly WakeupSchedule<WakeupMessage> _schedule = new();
    private readonly Func<long> _clock = clock ?? Stopwatch.GetTimestamp;

    /// <summary>How many wakeups are scheduled and not yet delivered.</summary>
    public int Count => _schedule.Count;

    /// <summary>Schedules <paramref name="wakeup"/> <paramref name="period"/> from now, with a reminder for it.</summary>
    public void Add(WakeupMessage wakeup, TimeSpan period)
    {
        _schedule.Add(wakeup, period, _clock());
        remindAfter(period);
    }

    /// <summary>
    /// Before a mailbox item runs: delivers the wakeups that are due, earliest first, while <paramref name="canDeliver"/>
    /// holds (each delivery may end the actor). When the item is a reminder and none was due, asks for another reminder
    /// for the earliest. Returns whether any was delivered.
    /// </summary>
    public bool DeliverDue<TState>(bool forReminder, TState state, Func<TState, bool> canDeliver, Action<TState, WakeupMessage> deliver)
    {
        if (_schedule.Count == 0)
        {
            return false;
        }

        var now = _clock();
        var delivered = false;
        while (canDeliver(state) && _schedule.TryTakeDue(now, out var wakeup))
        {
            deliver(state, wakeup);
            delivered = true;
        }

        if (forReminder && !delivered && canDeliver(state) && _schedule.UntilNextDue(now) is { } wait)
        {
            remindAfter(wait + ReminderMargin);
        }

        return delivered;
    }
}
