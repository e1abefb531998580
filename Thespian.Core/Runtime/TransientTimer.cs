using System.Diagnostics;

namespace Thespian.Runtime;

/// <summary>
/// One transient actor's exit timer. The first message the actor's handler sees starts it; it runs on the base's
/// wakeups with a payload of its own (<see cref="Marker"/>), which the cell keeps from the actor. When it fires at or
/// after the exit time the actor is sent an <see cref="ActorExitRequest"/>; an idle timer whose exit time moved on
/// (a message arrived meanwhile) waits again for the rest.
/// </summary>
internal sealed class TransientTimer(TransientPolicy policy)
{
    /// <summary>The payload of the timer's wakeups: never leaves the process, never reaches the actor.</summary>
    public static readonly object Marker = new TimerMarker();

    private long _exitAt;
    private bool _started;
    private bool _exitSent;

    /// <summary>A message reaches the actor's handler: starts the timer, or (idle) moves the exit time on.</summary>
    public void OnMessage(ActorCell cell, object message)
    {
        if (message is ActorExitRequest)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (!_started)
        {
            _started = true;
            _exitAt = now + Ticks(policy.ExitDelay);
            cell.Runtime.WakeupAfter(cell, policy.ExitDelay, Marker);
        }
        else if (policy.Idle && message is not ActorSystemMessage)
        {
            _exitAt = now + Ticks(policy.ExitDelay);
        }
    }

    /// <summary>The timer's wakeup: exits when the time has come, else waits for the rest.</summary>
    public void OnTimer(ActorCell cell)
    {
        if (_exitSent)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (now >= _exitAt)
        {
            _exitSent = true;
            cell.Runtime.SendSystem(cell.Address, cell.Address, new ActorExitRequest());
            return;
        }

        cell.Runtime.WakeupAfter(cell, Stopwatch.GetElapsedTime(now, _exitAt), Marker);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class TimerMarker
    {
        public override string ToString() => "(transient exit timer)";
    }
}
