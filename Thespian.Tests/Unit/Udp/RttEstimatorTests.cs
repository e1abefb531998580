using Thespian.Bases.MultiprocUdp;

namespace Thespian.Tests.Unit.Udp;

/// <summary>The retransmission timeout as RFC 6298 computes it, within the transport's bounds, with backoff.</summary>
public sealed class RttEstimatorTests
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(1);

    [Test]
    public void BeforeAnySample_TheTimeoutIsTheInitialOne()
    {
        var rtt = new RttEstimator(Min, Max, TimeSpan.FromMilliseconds(100));

        Assert.That(rtt.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
    }

    [Test]
    public void FirstSample_SetsSmoothedToItAndVariationToHalf()
    {
        var rtt = new RttEstimator(TimeSpan.FromMilliseconds(1), Max, TimeSpan.FromMilliseconds(100));

        rtt.Sample(TimeSpan.FromMilliseconds(20));

        Assert.That(rtt.Smoothed, Is.EqualTo(TimeSpan.FromMilliseconds(20)));
        Assert.That(rtt.Variation, Is.EqualTo(TimeSpan.FromMilliseconds(10)));
        Assert.That(rtt.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(60)), "SRTT + 4·RTTVAR");
    }

    [Test]
    public void LaterSamples_SmoothAsRfc6298()
    {
        var rtt = new RttEstimator(TimeSpan.FromMilliseconds(1), Max, TimeSpan.FromMilliseconds(100));
        rtt.Sample(TimeSpan.FromMilliseconds(20));

        rtt.Sample(TimeSpan.FromMilliseconds(28));

        // RTTVAR = 3/4·10 + 1/4·|20 − 28| = 9.5; SRTT = 7/8·20 + 1/8·28 = 21.
        Assert.That(rtt.Variation.TotalMilliseconds, Is.EqualTo(9.5).Within(0.001));
        Assert.That(rtt.Smoothed.TotalMilliseconds, Is.EqualTo(21).Within(0.001));
        Assert.That(rtt.Timeout.TotalMilliseconds, Is.EqualTo(59).Within(0.001));
    }

    [Test]
    public void TinyRoundTrips_TimeoutIsTheRoundTripPlusTheGranularity()
    {
        var rtt = new RttEstimator(Min, Max, TimeSpan.FromMilliseconds(100));
        for (var i = 0; i < 50; i++)
        {
            rtt.Sample(TimeSpan.FromMicroseconds(30));
        }

        // RTO = SRTT + max(G, 4·RTTVAR); RTTVAR shrinks towards 0 with identical samples, G is the minimum.
        Assert.That(rtt.Timeout.TotalMicroseconds, Is.EqualTo((Min + TimeSpan.FromMicroseconds(30)).TotalMicroseconds).Within(1));
    }

    [Test]
    public void Backoff_DoublesUpToTheMaximum_AndResets()
    {
        var rtt = new RttEstimator(Min, Max, TimeSpan.FromMilliseconds(100));
        rtt.Sample(TimeSpan.FromMilliseconds(1));
        var start = rtt.Timeout;

        rtt.Backoff();
        Assert.That(rtt.Timeout, Is.EqualTo(start * 2));
        for (var i = 0; i < 20; i++)
        {
            rtt.Backoff();
        }

        Assert.That(rtt.Timeout, Is.EqualTo(Max));
        rtt.ResetBackoff();
        Assert.That(rtt.Timeout, Is.EqualTo(start));
    }
}
