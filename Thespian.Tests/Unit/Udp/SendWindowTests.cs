using System.Buffers;
using Thespian.Bases.MultiprocUdp;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// The send window: bounded in datagrams and bytes; cumulative and selective acknowledgements release what arrived
/// (never what was not sent); round-trip samples only from datagrams sent once; lost datagrams found by later ones
/// acknowledged or by their timeout.
/// </summary>
public sealed class SendWindowTests
{
    private static byte[] Datagram(int length = 100) => ArrayPool<byte>.Shared.Rent(length);

    private static SendWindow WithSent(int count, int maxDatagrams = 64, long maxBytes = 1_000_000, long at = 0)
    {
        var window = new SendWindow(maxDatagrams, maxBytes);
        for (var i = 0; i < count; i++)
        {
            window.Add(Datagram(), 100, at + i);
        }

        return window;
    }

    [Test]
    public void Add_NumbersDatagramsFromOne()
    {
        var window = new SendWindow(8, 10_000);

        Assert.That(window.Add(Datagram(), 100, 0), Is.EqualTo(1UL));
        Assert.That(window.Add(Datagram(), 100, 0), Is.EqualTo(2UL));
        Assert.That((window.InFlight, window.InFlightBytes), Is.EqualTo((2, 200L)));
    }

    [Test]
    public void HasRoom_BoundedByDatagramsAndBytes()
    {
        var window = WithSent(8, maxDatagrams: 8);
        Assert.That(window.HasRoom(1), Is.False, "eight datagrams in flight");

        var bytes = new SendWindow(64, 250);
        bytes.Add(Datagram(), 100, 0);
        bytes.Add(Datagram(), 100, 0);
        Assert.That(bytes.HasRoom(100), Is.False, "250 bytes at most");
        Assert.That(bytes.HasRoom(50), Is.True);

        var empty = new SendWindow(64, 10);
        Assert.That(empty.HasRoom(1000), Is.True, "one datagram may always be in flight");
    }

    [Test]
    public void Acknowledge_Cumulative_ReleasesUpToIt()
    {
        var window = WithSent(10);

        var outcome = window.Acknowledge(4, [], now: 100);

        Assert.That(outcome.Released, Is.EqualTo(4));
        Assert.That(window.InFlight, Is.EqualTo(6));
    }

    [Test]
    public void Acknowledge_SelectiveRanges_ReleaseThemAndLaterCumulativeSkipsThem()
    {
        var window = WithSent(10);

        Assert.That(window.Acknowledge(2, [new(5, 6), new(9, 9)], now: 100).Released, Is.EqualTo(5));
        Assert.That(window.InFlight, Is.EqualTo(5));
        Assert.That(window.Acknowledge(6, [new(9, 9)], now: 100).Released, Is.EqualTo(2), "3 and 4 only");
        Assert.That(window.InFlight, Is.EqualTo(3));
    }

    [Test]
    public void Acknowledge_NumbersNeverSent_AreIgnored()
    {
        var window = WithSent(3);

        var outcome = window.Acknowledge(1000, [new(2000, 3000)], now: 100);

        Assert.That(outcome.Released, Is.EqualTo(3));
        Assert.That(window.Add(Datagram(), 100, 0), Is.EqualTo(4UL), "numbering goes on from what was sent");
    }

    [Test]
    public void Acknowledge_Duplicate_ReleasesNothingMore()
    {
        var window = WithSent(5);
        window.Acknowledge(3, [], now: 100);

        Assert.That(window.Acknowledge(3, [], now: 100).Released, Is.Zero);
    }

    [Test]
    public void RoundTripSample_OnlyFromDatagramsSentOnce()
    {
        var window = WithSent(2, at: 1000);
        Assert.That(window.Resend(1, now: 5000), Is.Not.Null);

        Assert.That(window.Acknowledge(1, [], now: 6000).RoundTripTicks, Is.EqualTo(-1), "Karn: no sample from a datagram sent again");
        Assert.That(window.Acknowledge(2, [], now: 6000).RoundTripTicks, Is.EqualTo(6000 - 1001));
    }

    [Test]
    public void CollectLost_ThreeLaterDatagramsAcknowledged_TakesTheEarlierForLost()
    {
        var window = WithSent(6);
        window.Acknowledge(1, [new(3, 5)], now: 100);
        var lost = new List<ulong>();

        window.CollectLost(reorderTicks: 1_000_000, threshold: 3, lost);

        Assert.That(lost, Is.EqualTo(new ulong[] { 2 }));
    }

    [Test]
    public void CollectLost_FewerLaterAcknowledged_WaitsForMore()
    {
        var window = WithSent(6);
        window.Acknowledge(1, [new(3, 4)], now: 100);
        var lost = new List<ulong>();

        window.CollectLost(reorderTicks: 1_000_000, threshold: 3, lost);

        Assert.That(lost, Is.Empty);
    }

    [Test]
    public void CollectLost_DatagramSentAgain_IsLostAgainOnlyWhenOneSentAfterItIsAcknowledged()
    {
        var window = WithSent(6);
        window.Acknowledge(1, [new(3, 5)], now: 100);
        window.Resend(2, now: 200);
        var lost = new List<ulong>();

        window.CollectLost(reorderTicks: 0, threshold: 3, lost);
        Assert.That(lost, Is.Empty, "nothing sent after the resend is acknowledged yet");

        window.Add(Datagram(), 100, 300);
        window.Acknowledge(1, [new(3, 7)], now: 400);
        window.CollectLost(reorderTicks: 0, threshold: 3, lost);
        Assert.That(lost, Is.EqualTo(new ulong[] { 2 }));
    }

    [Test]
    public void CollectExpired_OnlyThoseSentLongEnoughAgo_OldestFirst()
    {
        var window = new SendWindow(64, 1_000_000);
        window.Add(Datagram(), 100, 0);
        window.Add(Datagram(), 100, 50);
        window.Add(Datagram(), 100, 90);
        var expired = new List<ulong>();

        window.CollectExpired(now: 100, timeoutTicks: 40, limit: 10, expired);

        Assert.That(expired, Is.EqualTo(new ulong[] { 1, 2 }));
    }

    [Test]
    public void Clear_ForgetsEverything()
    {
        var window = WithSent(5);

        window.Clear();

        Assert.That((window.InFlight, window.InFlightBytes), Is.EqualTo((0, 0L)));
        Assert.That(window.HasRoom(100), Is.True);
        Assert.That(window.Resend(3, 0), Is.Null);
    }
}
