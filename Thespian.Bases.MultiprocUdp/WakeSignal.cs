namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Wakes one waiting thread (the transport's send thread): setting it is cheap while it is set already, and a wait
/// returns at once when it was set since the last wait — no wake-up is lost between a waiter's look and its sleep.
/// </summary>
internal sealed class WakeSignal
{
    private readonly object _gate = new();
    private int _set;
    private bool _waiting;

    /// <summary>Wakes the waiter (or makes its next wait return at once).</summary>
    public void Set()
    {
        if (Volatile.Read(ref _set) != 0)
        {
            return;
        }

        lock (_gate)
        {
            _set = 1;
            if (_waiting)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Waits until set or until <paramref name="timeoutMilliseconds"/> pass (−1: no limit), and clears it.</summary>
    public void Wait(int timeoutMilliseconds)
    {
        lock (_gate)
        {
            if (_set == 0)
            {
                _waiting = true;
                Monitor.Wait(_gate, timeoutMilliseconds);
                _waiting = false;
            }

            _set = 0;
        }
    }
}
