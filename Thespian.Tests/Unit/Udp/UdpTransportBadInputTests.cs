using System.Net;
using Thespian.Bases.MultiprocUdp;
using Thespian.Wire;
using static Thespian.Tests.Unit.Udp.UdpTestEnvelopes;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// Bad input on UDP: garbage, forged headers, datagrams from addresses that never said hello, malformed chunks and
/// envelopes, overlapping fragments, floods of datagrams ahead of a gap — dropped and reported (a few at a time), never a
/// crash, never unbounded memory; a malformed session is cut off (its sender told), and everyone else is served.
/// </summary>
[CancelAfter(120_000)]
public sealed class UdpTransportBadInputTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task GarbageFromAStranger_DuringATransfer_HarmsNothing()
    {
        const int Count = 20_000;
        await using var pair = await UdpPair.StartAsync();
        using var stranger = new RawUdpPeer();
        var receiver = IPEndPoint.Parse(pair.Receiver.LocalEndpoint);
        var sender = IPEndPoint.Parse(pair.Sender.LocalEndpoint);
        using var stop = new CancellationTokenSource();
        var spraying = Task.Run(() =>
        {
            var random = new Random(42);
            var datagram = new byte[2000];
            while (!stop.IsCancellationRequested)
            {
                var length = random.Next(1, datagram.Length);
                random.NextBytes(datagram);
                if (random.Next(2) == 0)
                {
                    // A header that looks right, with a type and session picked at random.
                    DatagramCodec.WriteHeader(datagram, (DatagramType)random.Next(0, 10), (ulong)random.NextInt64());
                    length = Math.Max(length, DatagramCodec.HeaderLength);
                }

                stranger.Send(random.Next(2) == 0 ? receiver : sender, datagram.AsSpan(0, length));
            }
        });

        for (var i = 0; i < Count; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        pair.WaitForReceived(Count, Patience);
        await stop.CancelAsync();
        await spraying;
        Assert.That(pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
        Assert.That(pair.SenderSink.UndeliverableCount, Is.Zero);
        Assert.That(pair.ReceiverSink.Violations, Is.Not.Empty, "the garbage is reported");
        Assert.That(pair.ReceiverSink.Violations.Count, Is.LessThan(50), "a few reports, not one per datagram");
    }

    [Test]
    public async Task DataFromAnAddressThatNeverSaidHello_IsAnsweredWithAReset_AndReportedWhenItKeepsComing()
    {
        await using var pair = await UdpPair.StartAsync();
        using var stranger = new RawUdpPeer();
        var receiver = IPEndPoint.Parse(pair.Receiver.LocalEndpoint);

        stranger.Send(receiver, stranger.Data(1, RawUdpPeer.WholeChunk(Numbered(1))));

        Assert.That(stranger.ReceiveOfType(DatagramType.Reset, Patience), Is.Not.Null, "a reset tells the stranger");
        Assert.That(pair.ReceiverSink.ReceivedCount, Is.Zero);
        Assert.That(pair.ReceiverSink.Violations, Is.Empty,
            "not reported at first: under loss, data overtakes a lost hello all the time");

        Thread.Sleep(UnknownSessions.Grace + TimeSpan.FromMilliseconds(100));
        stranger.Send(receiver, stranger.Data(2, RawUdpPeer.WholeChunk(Numbered(2))));

        Assert.That(SpinWait.SpinUntil(() => !pair.ReceiverSink.Violations.IsEmpty, Patience), Is.True,
            "a session still unknown after the grace period is reported");
        Assert.That(pair.ReceiverSink.Violations.Single().Violation.Message, Does.Contain("never said hello"));
        Assert.That(pair.ReceiverSink.ReceivedCount, Is.Zero);
    }

    [Test]
    public async Task DataThatOvertookALostHello_IsNotReported_AndArrivesOnceTheHelloComes()
    {
        await using var pair = await UdpPair.StartAsync();
        using var peer = new RawUdpPeer();
        var receiver = IPEndPoint.Parse(pair.Receiver.LocalEndpoint);

        peer.Send(receiver, peer.Data(1, RawUdpPeer.WholeChunk(Numbered(1))));
        Assert.That(peer.ReceiveOfType(DatagramType.Reset, Patience), Is.Not.Null, "the receiver does not know the session yet");
        Assert.That(peer.Hello(receiver), Is.EqualTo(HandshakeStatus.Accepted), "the hello, sent again");
        peer.Send(receiver, peer.Data(1, RawUdpPeer.WholeChunk(Numbered(1))));

        Assert.That(SpinWait.SpinUntil(() => pair.ReceiverSink.ReceivedCount == 1, Patience), Is.True, "the data, sent again, arrives");
        Assert.That(pair.ReceiverSink.Violations, Is.Empty);
    }

    [TestCaseSource(nameof(MalformedCaseNames))]
    public async Task MalformedDatagramFromASession_CutsThatSessionOffOnly(string name)
    {
        var (datagrams, expected) = MalformedDatagrams()[name];
        await using var pair = await UdpPair.StartAsync();
        using var peer = new RawUdpPeer();
        var receiver = IPEndPoint.Parse(pair.Receiver.LocalEndpoint);
        Assert.That(peer.Hello(receiver), Is.EqualTo(HandshakeStatus.Accepted));

        foreach (var datagram in datagrams(peer))
        {
            peer.Send(receiver, datagram);
        }

        var reset = peer.ReceiveOfType(DatagramType.Reset, Patience);
        Assert.That(reset, Is.Not.Null, "the session is cut off and its sender told");
        Assert.That(DatagramCodec.ReadResetReason(reset), Is.EqualTo(ResetReason.ProtocolViolation));
        Assert.That(SpinWait.SpinUntil(() => pair.ReceiverSink.Violations.Any(v => v.Violation.Message.Contains(expected, StringComparison.Ordinal)), Patience),
                    Is.True, $"a violation mentioning '{expected}' is reported; got: " +
                             string.Join("; ", pair.ReceiverSink.Violations.Select(v => v.Violation.Message)));
        Assert.That(pair.Receiver.ReassemblyBytesInUse, Is.Zero, "what the session reserved is given back");

        for (var i = 0; i < 100; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        pair.WaitForReceived(100, Patience);
        Assert.That(pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)),
                    "others are served; nothing of the malformed session was handed on");
    }

    private static string[] MalformedCaseNames() => [.. MalformedDatagrams().Keys];

    private static Dictionary<string, (Func<RawUdpPeer, byte[][]> Datagrams, string Expected)> MalformedDatagrams() => new()
    {
        ["unknown chunk kind"] = (p => [p.Data(1, [9, 1, 2, 3])], "unknown kind"),
        ["chunk longer than its datagram"] = (p => [p.Data(1, Truncated(RawUdpPeer.WholeChunk(Numbered(1)), 10))], "remain in its datagram"),
        ["envelope bytes that are not an envelope"] = (p => [p.Data(1, WholeOf([99, 1, 2, 3]))], "not a Thespian envelope"),
        ["fragment without a start"] = (p => [p.Data(1, RawUdpPeer.FragmentChunk(100_000, 5000, 1000))], "no envelope being put together"),
        ["overlapping fragment"] = (p => [p.Data(1, RawUdpPeer.FragmentChunk(100_000, 0, 1000)), p.Data(2, RawUdpPeer.FragmentChunk(100_000, 500, 1000))],
             "does not continue"),
        ["fragment of another total"] = (p => [p.Data(1, RawUdpPeer.FragmentChunk(100_000, 0, 1000)), p.Data(2, RawUdpPeer.FragmentChunk(90_000, 1000, 1000))],
             "does not continue"),
        ["whole envelope inside a fragmented one"] = (p => [p.Data(1, RawUdpPeer.FragmentChunk(100_000, 0, 1000)), p.Data(2, RawUdpPeer.WholeChunk(Numbered(12345)))],
             "in the middle of one"),
        ["envelope over the maximum"] = (p => [p.Data(1, RawUdpPeer.FragmentChunk(WireProtocol.DefaultMaxFrameBytes + 1, 0, 1000))], "Max Message Size"),
        ["fragment past its total"] = (p => [p.Data(1, RawUdpPeer.FragmentChunk(500, 0, 1000))], "does not fit"),
    };

    private static byte[] Truncated(byte[] chunk, int by) => chunk[..^by];

    private static byte[] WholeOf(byte[] bytes)
    {
        var chunk = new byte[DatagramCodec.WholeChunkOverhead + bytes.Length];
        DatagramCodec.WriteWholeChunkHeader(chunk, bytes.Length);
        bytes.CopyTo(chunk, DatagramCodec.WholeChunkOverhead);
        return chunk;
    }

    [Test]
    public async Task FloodAheadOfAGap_KeepsNoMoreThanTheWindowsWorth()
    {
        await using var pair = await UdpPair.StartAsync();
        using var peer = new RawUdpPeer();
        var receiver = IPEndPoint.Parse(pair.Receiver.LocalEndpoint);
        Assert.That(peer.Hello(receiver), Is.EqualTo(HandshakeStatus.Accepted));
        var options = pair.Receiver.Options;

        // Datagram 1 never comes; 2, 3, ... fill the reorder buffer, far beyond what it may keep.
        var chunk = RawUdpPeer.WholeChunk(Numbered(1, 60_000));
        for (ulong sequence = 2; sequence < 3000; sequence++)
        {
            peer.Send(receiver, peer.Data(sequence, chunk));
            if (sequence % 64 == 0)
            {
                Thread.Sleep(1);
            }
        }

        // A datagram from the real sender gets through, and the receiver still answers this peer.
        pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(7));
        pair.WaitForReceived(1, Patience);
        Assert.That(pair.Receiver.ReorderBytesInUse,
                    Is.LessThanOrEqualTo(options.MaxInFlightBytes + DatagramCodec.MaxDatagramBytes),
                    "one session keeps no more than its share out of order");
        Assert.That(pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(new long[] { 7 }));
    }

    [Test]
    public async Task FragmentsStartingInManySessions_ReserveNoMoreThanTheBudget()
    {
        const int Peers = 6;
        await using var pair = await UdpPair.StartAsync(receiver: o => o with { ReassemblyBudgetBytes = 0 });
        var receiver = IPEndPoint.Parse(pair.Receiver.LocalEndpoint);
        var peers = Enumerable.Range(0, Peers).Select(_ => new RawUdpPeer()).ToList();
        try
        {
            foreach (var peer in peers)
            {
                Assert.That(peer.Hello(receiver), Is.EqualTo(HandshakeStatus.Accepted));
                peer.Send(receiver, peer.Data(1, RawUdpPeer.FragmentChunk(WireProtocol.DefaultMaxFrameBytes, 0, 1000)));
            }

            // Answered (or refused) in order: once the last one is acknowledged or ignored, all were seen.
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(7));
            pair.WaitForReceived(1, Patience);
            Assert.That(pair.Receiver.ReassemblyBytesInUse, Is.LessThanOrEqualTo(2L * WireProtocol.DefaultMaxFrameBytes),
                        "at most the budget (twice the largest envelope) is reserved, however many sessions start one");
            Assert.That(pair.Receiver.ReassemblyBytesInUse, Is.GreaterThan(0), "started envelopes hold their reservation");
            var refusals = pair.ReceiverSink.Violations
                               .Where(v => v.Violation.Message.Contains("found no room in the reassembly memory", StringComparison.Ordinal))
                               .Select(v => v.Remote).ToList();
            Assert.That(refusals, Is.Not.Empty.And.SubsetOf(peers.Select(p => p.Endpoint)), "a refusal is reported, naming the peer");
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }
    }
}
