namespace Thespian.Admin.Hosting;

/// <summary>
/// The Watch extension for one actor: after each message the actor's latest watch set (or none) is
/// armed; a watcher thread polls it and, when some descriptors are readable, hands them to the actor
/// once and waits to be armed again (the actor re-arms by calling Watch on each message).
/// </summary>
internal sealed class DescriptorWatcher
{
    private const int PollSliceMilliseconds = 100;

    private readonly Action<int[]> _onReady;
    private readonly object _gate = new();
    private IReadOnlyList<int>? _armed;
    private long _generation;
    private Thread? _thread;

    public DescriptorWatcher(Action<int[]> onReady) => _onReady = onReady;

    /// <summary>Watches <paramref name="descriptors"/> from now on (null or empty: stop watching).</summary>
    public void Arm(IReadOnlyList<int>? descriptors)
    {
        lock (_gate)
        {
            _armed = descriptors is { Count: > 0 } ? descriptors : null;
            _generation++;
            if (_armed is not null && _thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "Thespian watch" };
                _thread.Start();
            }

            Monitor.PulseAll(_gate);
        }
    }

    private void Run()
    {
        while (true)
        {
            IReadOnlyList<int> descriptors;
            long generation;
            lock (_gate)
            {
                while (_armed is null)
                {
                    Monitor.Wait(_gate);
                }

                descriptors = _armed;
                generation = _generation;
            }

            var ready = DescriptorPoll.Readable(descriptors, PollSliceMilliseconds);
            if (ready.Length == 0)
            {
                continue;
            }

            lock (_gate)
            {
                if (generation != _generation)
                {
                    continue;
                }

                _armed = null;
            }

            _onReady(ready);
        }
    }
}
