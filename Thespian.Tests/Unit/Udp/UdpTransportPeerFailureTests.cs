using System.Net;
using Thespian.Bases.MultiprocUdp;
using static Thespian.Tests.Unit.Udp.UdpTestEnvelopes;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// A peer that dies: whether it closes, goes silent or its port closes, what was sent to it and not done — and what was
/// still queued — comes back as undeliverable, in order, exactly once; the next send starts a fresh session. A peer
/// that restarts on the same port starts a new session that its receiver takes.
/// </summary>
[CancelAfter(120_000)]
public sealed class UdpTransportPeerFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(300);

    [Test]
    public async Task ReceiverDisposed_WhatItDidNotDo_IsHandedBackInOrderOnce()
    {
        await using var pair = await UdpPair.StartAsync(receiverMarksDone: false);
        for (var i = 0; i < 10; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        pair.WaitForReceived(10, Patience);
        pair.ReceiverSink.Received[0].Receipt.Done();
        await Task.Delay(Brief);

        await pair.DisposeReceiverAsync();

        AssertHandedBackOnce(pair.SenderSink, Enumerable.Range(1, 9));
    }

    [Test]
    public async Task ReceiverSilent_AfterThePeerTimeout_EverythingIsHandedBackInOrderOnce()
    {
        using var silent = new RawUdpPeer();
        using var stop = new CancellationTokenSource();
        var answering = silent.AnswerHellosOnlyAsync(stop.Token);
        var sink = new RecordingSink();
        var sender = new UdpTransport(UdpPair.Options(o => o with { PeerTimeout = TimeSpan.FromMilliseconds(500) }));
        await using var _ = sender.ConfigureAwait(false);
        sender.Start(sink);

        for (var i = 0; i < 5; i++)
        {
            sender.Send(silent.Endpoint, Numbered(i));
        }

        AssertHandedBackOnce(sink, Enumerable.Range(0, 5));
        Assert.That(sink.Undeliverable[0].Reason.Message, Does.Contain("UDP Peer Timeout Seconds"));
        await stop.CancelAsync();
        await answering;
    }

    [Test]
    public async Task ReceiverPortClosed_IsNoticedFromPortUnreachableBeforeThePeerTimeout()
    {
        var sink = new RecordingSink();
        var sender = new UdpTransport(UdpPair.Options(o => o with { PeerTimeout = TimeSpan.FromMinutes(5) }));
        await using var _ = sender.ConfigureAwait(false);
        sender.Start(sink);
        string endpoint;
        using (var gone = new RawUdpPeer())
        {
            endpoint = gone.Endpoint;
        }

        for (var i = 0; i < 3; i++)
        {
            sender.Send(endpoint, Numbered(i));
        }

        AssertHandedBackOnce(sink, Enumerable.Range(0, 3));
        Assert.That(sink.Undeliverable[0].Reason.Message, Does.Contain("port unreachable"));
    }

    [Test]
    public async Task SendAfterTheReceiverDied_StartsAFreshSessionThatANewReceiverTakes()
    {
        await using var pair = await UdpPair.StartAsync();
        var port = IPEndPoint.Parse(pair.Receiver.LocalEndpoint).Port;
        pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(0));
        pair.WaitForReceived(1, Patience);
        await pair.DisposeReceiverAsync();

        // The closing receiver said so; once the sender has heard it, what it sends goes to a fresh session (what it sent
        // before hearing would go to the old one and come back undeliverable, as on a TCP connection that was reset).
        Assert.That(SpinWait.SpinUntil(() => !pair.Sender.HasSessionTo(pair.Receiver.LocalEndpoint), Patience), Is.True,
                    "the sender hears that the receiver closed");

        var sink = new RecordingSink();
        var revived = new UdpTransport(UdpPair.Options(o => o with { Port = port }));
        await using var _ = revived.ConfigureAwait(false);
        revived.Start(sink);
        for (var i = 1; i <= 100; i++)
        {
            pair.Sender.Send(revived.LocalEndpoint, Numbered(i));
        }

        Assert.That(SpinWait.SpinUntil(() => sink.ReceivedCount == 100, Patience), Is.True, "the new receiver gets what is sent now");
        Assert.That(sink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long)i)));
    }

    [Test]
    public async Task SenderRestartsOnTheSamePort_ReceiverTakesItsNewSession()
    {
        var sink = new RecordingSink();
        var receiver = new UdpTransport(UdpPair.Options());
        await using var _ = receiver.ConfigureAwait(false);
        receiver.Start(sink);

        var first = new UdpTransport(UdpPair.Options());
        first.Start(new RecordingSink());
        var port = first.LocalAddress.Port;
        for (var i = 0; i < 100; i++)
        {
            first.Send(receiver.LocalEndpoint, Numbered(i));
        }

        await first.FlushAsync(Patience);
        await first.DisposeAsync();

        var second = new UdpTransport(UdpPair.Options(o => o with { Port = port }));
        await using var __ = second.ConfigureAwait(false);
        second.Start(new RecordingSink());
        for (var i = 100; i < 200; i++)
        {
            second.Send(receiver.LocalEndpoint, Numbered(i));
        }

        Assert.That(SpinWait.SpinUntil(() => sink.ReceivedCount == 200, Patience), Is.True,
                    $"both incarnations' envelopes arrive; {sink.ReceivedCount} did");
        Assert.That(sink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(Enumerable.Range(0, 200).Select(i => (long)i)));
        Assert.That(sink.Received[0].Receipt.IsOpen, Is.False, "the old session's receipt closes when the new session replaces it");
    }

    private static void AssertHandedBackOnce(RecordingSink sink, IEnumerable<int> expected)
    {
        var numbers = expected.Select(i => (long)i).ToList();
        Assert.That(SpinWait.SpinUntil(() => sink.UndeliverableCount >= numbers.Count, Patience), Is.True,
                    $"{numbers.Count} envelopes handed back; {sink.UndeliverableCount} were");
        Thread.Sleep(Brief);
        var undeliverable = sink.Undeliverable;
        Assert.That(undeliverable, Has.Count.EqualTo(1), "handed back once");
        Assert.That(undeliverable[0].Envelopes.Select(NumberOf), Is.EqualTo(numbers), "in the order they were sent");
    }
}
