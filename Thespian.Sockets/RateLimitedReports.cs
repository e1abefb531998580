using System.Diagnostics;

namespace Thespian.Sockets;

/// <summary>
/// Lets through at most a few reports per interval (datagrams from strangers, garbage, floods — a sender of junk must not
/// fill the log), and says how many were held back since the last one let through. Thread-safe.
/// </summary>
internal sealed class RateLimitedReports
{
    private readonly Lock _gate = new();
    private readonly long _intervalTicks;
    private readonly int _perInterval;
    private long _intervalStart = long.MinValue;
    private int _reported;
    private int _suppressed;

    /// <param name="interval">The interval.</param>
    /// <param name="perInterval">How many reports each interval lets through.</param>
    public RateLimitedReports(TimeSpan interval, int perInterval)
    {
        _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        _perInterval = perInterval;
    }

    /// <summary>Whether to report now; <paramref name="suppressed"/> is how many were held back before this one.</summary>
    public bool ShouldReport(out int suppressed)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (_intervalStart == long.MinValue || now - _intervalStart >= _intervalTicks)
            {
                _intervalStart = now;
                _reported = 0;
            }

            if (_reported < _perInterval)
            {
                _reported++;
                suppressed = _suppressed;
                _suppressed = 0;
                return true;
            }

            _suppressed++;
            suppressed = 0;
            return false;
        }
    }
}
