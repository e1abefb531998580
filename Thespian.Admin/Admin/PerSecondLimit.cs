namespace Thespian.Admin.Admin;

/// <summary>
/// At most a given number of records a second (a fixed one-second window): the admin's log relays use it so that a burst
/// of records cannot flood a leader or a log sink. Used on the admin's loop only (not thread-safe).
/// </summary>
/// <param name="perSecond">How many are let through in each second.</param>
internal sealed class PerSecondLimit(int perSecond)
{
    private long _windowStart;
    private int _taken;

    /// <summary>Whether one more may go now (<paramref name="now"/>: milliseconds, e.g. <see cref="Environment.TickCount64"/>).</summary>
    public bool TryTake(long now)
    {
        if (now - _windowStart >= 1000)
        {
            _windowStart = now;
            _taken = 0;
        }

        return ++_taken <= perSecond;
    }
}
