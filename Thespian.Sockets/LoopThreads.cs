namespace Thespian.Sockets;

/// <summary>
/// Runs a connection's blocking loop (its sending, its reading of acknowledgements, its receiving) on a thread of its
/// own, reusing a thread whose loop has ended. Starting a thread costs 100–300 µs on a virtual machine, and a new
/// connection needs three of them (two at the sender, one at the receiver), all on the path of its first message. So
/// a thread whose loop ends waits as a spare for a while, and the next loop takes it instead of starting a thread; a
/// quiet process keeps no spare for longer than that. Loops run in the background (they never keep the process alive),
/// without the starter's execution context, and must not leave thread-static state half-set behind.
/// </summary>
internal sealed class LoopThreads
{
    private readonly object _gate = new();
    private readonly List<LoopThread> _spares = [];
    private readonly TimeSpan _spareLifetime;
    private readonly int _maxSpares;

    /// <param name="spareLifetime">How long a spare waits for a loop before it exits.</param>
    /// <param name="maxSpares">At most this many spares wait at once; a thread whose loop ends with this many waiting exits.</param>
    public LoopThreads(TimeSpan spareLifetime, int maxSpares)
    {
        _spareLifetime = spareLifetime;
        _maxSpares = maxSpares;
    }

    /// <summary>The process's loop threads: spares wait 10 s, at most 8 at once.</summary>
    public static LoopThreads Shared { get; } = new(TimeSpan.FromSeconds(10), maxSpares: 8);

    /// <summary>How many spares wait now.</summary>
    public int SpareCount
    {
        get
        {
            lock (_gate)
            {
                return _spares.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="loop"/> on a spare thread, or on a new one when none waits.</summary>
    /// <param name="name">The thread's name while it runs the loop (debuggers and dumps show it).</param>
    /// <param name="loop">The loop; it runs to its end on that thread.</param>
    public void Start(string name, Action loop)
    {
        LoopThread? spare = null;
        lock (_gate)
        {
            if (_spares.Count > 0)
            {
                spare = _spares[^1];
                _spares.RemoveAt(_spares.Count - 1);
            }
        }

        if (spare is not null)
        {
            spare.Hand(name, loop);
            return;
        }

        var thread = new LoopThread(this);
        thread.Hand(name, loop);
        new Thread(thread.Run) { IsBackground = true, Name = name }.UnsafeStart();
    }

    /// <summary>A thread whose loop has ended joins the spares; false when enough wait already (it then exits).</summary>
    private bool Park(LoopThread thread)
    {
        lock (_gate)
        {
            if (_spares.Count >= _maxSpares)
            {
                return false;
            }

            _spares.Add(thread);
            return true;
        }
    }

    /// <summary>A spare that waited long enough leaves; false when <see cref="Start"/> has just taken it (a loop is coming).</summary>
    private bool Retire(LoopThread thread)
    {
        lock (_gate)
        {
            return _spares.Remove(thread);
        }
    }

    private sealed class LoopThread(LoopThreads owner)
    {
        private readonly object _handOver = new();
        private string _name = "";
        private Action? _loop;

        public void Hand(string name, Action loop)
        {
            lock (_handOver)
            {
                _name = name;
                _loop = loop;
                Monitor.Pulse(_handOver);
            }
        }

        public void Run()
        {
            while (TakeLoop() is var (name, loop))
            {
                if (Thread.CurrentThread.Name != name)
                {
                    Thread.CurrentThread.Name = name;
                }

                loop();
                if (!owner.Park(this))
                {
                    return;
                }
            }
        }

        /// <summary>Waits for a loop; null when none came within the spare's lifetime.</summary>
        private (string Name, Action Loop)? TakeLoop()
        {
            lock (_handOver)
            {
                while (_loop is null)
                {
                    if (!Monitor.Wait(_handOver, owner._spareLifetime) && _loop is null && owner.Retire(this))
                    {
                        return null;
                    }
                }

                var loop = _loop;
                _loop = null;
                return (_name, loop);
            }
        }
    }
}
