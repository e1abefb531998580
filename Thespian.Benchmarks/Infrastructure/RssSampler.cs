namespace Thespian.Benchmarks.Infrastructure;

/// <summary>
/// Reads the resident set (VmRSS) of some processes every <see cref="Interval"/> on a thread of its own, until disposed,
/// keeping every reading (so that a peak can be taken over part of the run: memory that back-pressure bounds stops
/// growing early, memory that grows without bound peaks at the end).
/// </summary>
internal sealed class RssSampler : IDisposable
{
    /// <summary>How often the processes are read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly int[] _pids;
    private readonly List<(TimeSpan At, long[] Bytes)> _readings = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private int _samples;

    private RssSampler(int[] pids)
    {
        _pids = pids;
        _thread = new Thread(Run) { IsBackground = true, Name = "RSS sampler" };
        Sample();
        _thread.Start();
    }

    /// <summary>Starts sampling <paramref name="pids"/> (read once at once).</summary>
    public static RssSampler Start(params int[] pids) => new(pids);

    /// <summary>How many times the processes were read.</summary>
    public int Samples => Volatile.Read(ref _samples);

    /// <summary>The highest RSS of the <paramref name="index"/>-th process, in bytes.</summary>
    public long PeakBytes(int index) => PeakBytes(index, 0, 1);

    /// <summary>
    /// The highest RSS of the <paramref name="index"/>-th process read between the fractions <paramref name="from"/> and
    /// <paramref name="to"/> of the time sampled so far (0 to 1: all of it), in bytes.
    /// </summary>
    public long PeakBytes(int index, double from, double to)
    {
        lock (_readings)
        {
            var end = _readings.Count > 0 ? _readings[^1].At : TimeSpan.Zero;
            return _readings.Where(r => r.At >= end * from && r.At <= end * to).Select(r => r.Bytes[index]).DefaultIfEmpty(0).Max();
        }
    }

    /// <summary>The RSS of the <paramref name="index"/>-th process at each <paramref name="step"/> (the first reading at or after it), in bytes.</summary>
    public IReadOnlyList<long> Series(int index, TimeSpan step)
    {
        lock (_readings)
        {
            var series = new List<long>();
            var next = TimeSpan.Zero;
            foreach (var (at, bytes) in _readings)
            {
                if (at >= next)
                {
                    series.Add(bytes[index]);
                    next += step;
                }
            }

            return series;
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        Sample();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Wait(Interval))
        {
            Sample();
        }
    }

    private void Sample()
    {
        var bytes = _pids.Select(pid => ProcFs.RssBytes(pid) ?? 0).ToArray();
        lock (_readings)
        {
            _readings.Add((_clock.Elapsed, bytes));
        }

        Interlocked.Increment(ref _samples);
    }
}
