namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// The retransmission timeout of one session, as RFC 6298 computes it: a smoothed round-trip time and its variation
/// from samples (only of datagrams sent once — Karn's rule, applied by the caller), RTO = SRTT + max(G, 4·RTTVAR),
/// kept within bounds, and doubled on each expiry until a new acknowledgement arrives. The bounds suit loopback and
/// local networks (RFC 6298's 1-second minimum is for the Internet: here a round trip takes tens of microseconds).
/// Not thread-safe: its session's lock guards it.
/// </summary>
internal sealed class RttEstimator
{
    /// <summary>The smallest timeout (also the clock granularity G in the formula).</summary>
    public static readonly TimeSpan DefaultMinimum = TimeSpan.FromMilliseconds(10);

    /// <summary>The largest timeout, backoff included.</summary>
    public static readonly TimeSpan DefaultMaximum = TimeSpan.FromSeconds(1);

    /// <summary>The timeout before the first sample.</summary>
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(100);

    private const int MaxBackoffShift = 6;

    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;
    private readonly TimeSpan _initial;
    private double _smoothedTicks;
    private double _variationTicks;
    private bool _sampled;
    private int _backoffShift;

    public RttEstimator()
        : this(DefaultMinimum, DefaultMaximum, DefaultInitial)
    {
    }

    /// <param name="minimum">The smallest timeout.</param>
    /// <param name="maximum">The largest timeout.</param>
    /// <param name="initial">The timeout before the first sample.</param>
    public RttEstimator(TimeSpan minimum, TimeSpan maximum, TimeSpan initial)
    {
        if (minimum <= TimeSpan.Zero || maximum < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), "The bounds must be positive and in order.");
        }

        _minimum = minimum;
        _maximum = maximum;
        _initial = initial;
    }

    /// <summary>The smoothed round-trip time (zero before the first sample).</summary>
    public TimeSpan Smoothed => TimeSpan.FromTicks((long)_smoothedTicks);

    /// <summary>The round-trip time's variation (zero before the first sample).</summary>
    public TimeSpan Variation => TimeSpan.FromTicks((long)_variationTicks);

    /// <summary>How many times the timeout has been doubled since the last acknowledgement.</summary>
    public int Backoffs => _backoffShift;

    /// <summary>The timeout without backoff.</summary>
    public TimeSpan BaseTimeout
    {
        get
        {
            if (!_sampled)
            {
                return Clamp(_initial);
            }

            var ticks = _smoothedTicks + Math.Max(_minimum.Ticks, 4 * _variationTicks);
            return Clamp(TimeSpan.FromTicks((long)ticks));
        }
    }

    /// <summary>The timeout now: the base one doubled once per expiry since the last acknowledgement, within bounds.</summary>
    public TimeSpan Timeout => Clamp(TimeSpan.FromTicks(BaseTimeout.Ticks << _backoffShift));

    /// <summary>A round trip was measured (of a datagram sent only once).</summary>
    public void Sample(TimeSpan roundTrip)
    {
        var ticks = (double)Math.Max(roundTrip.Ticks, 1);
        if (!_sampled)
        {
            _smoothedTicks = ticks;
            _variationTicks = ticks / 2;
            _sampled = true;
            return;
        }

        _variationTicks = (0.75 * _variationTicks) + (0.25 * Math.Abs(_smoothedTicks - ticks));
        _smoothedTicks = (0.875 * _smoothedTicks) + (0.125 * ticks);
    }

    /// <summary>The timeout expired: double it (up to the maximum).</summary>
    public void Backoff()
    {
        if (_backoffShift < MaxBackoffShift)
        {
            _backoffShift++;
        }
    }

    /// <summary>An acknowledgement arrived: back to the base timeout.</summary>
    public void ResetBackoff() => _backoffShift = 0;

    private TimeSpan Clamp(TimeSpan value) => value < _minimum ? _minimum : value > _maximum ? _maximum : value;
}
