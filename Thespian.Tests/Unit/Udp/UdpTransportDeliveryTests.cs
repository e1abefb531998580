using Thespian.Bases.MultiprocUdp;
using Thespian.Wire;
using static Thespian.Tests.Unit.Udp.UdpTestEnvelopes;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// Two UDP transports over real loopback sockets: what one sends arrives at the other complete, intact and in order —
/// many small envelopes packed into datagrams, large ones fragmented and put together again, sent from batches and from
/// plain threads alike.
/// </summary>
[CancelAfter(120_000)]
public sealed class UdpTransportDeliveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Send_ManySmallEnvelopes_ArriveCompleteAndInOrder()
    {
        const int Count = 100_000;
        await using var pair = await UdpPair.StartAsync();

        for (var i = 0; i < Count; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        pair.WaitForReceived(Count, Patience);
        var numbers = pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)).ToList();
        Assert.That(numbers, Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
        Assert.That(pair.ReceiverSink.Received.All(r => BodyIntact(r.Envelope)), Is.True, "every body arrives intact");
    }

    [Test]
    public async Task Send_FromABatch_ManySmallEnvelopes_ArriveCompleteAndInOrder()
    {
        const int Count = 100_000;
        await using var pair = await UdpPair.StartAsync();

        pair.Sender.BeginBatch();
        for (var i = 0; i < Count; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        pair.Sender.EndBatch();

        pair.WaitForReceived(Count, Patience);
        Assert.That(pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)),
                    Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
    }

    [Test]
    public async Task Send_SixteenMebibyteEnvelope_ArrivesIntact()
    {
        await using var pair = await UdpPair.StartAsync();

        pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(7, bodyBytes: 16 * 1024 * 1024));

        pair.WaitForReceived(1, Patience);
        var envelope = pair.ReceiverSink.Received[0].Envelope;
        Assert.That(envelope.Body.Length, Is.EqualTo(16 * 1024 * 1024));
        Assert.That(BodyIntact(envelope), Is.True, "the body arrives byte for byte");
        Assert.That(envelope.SenderEndpoint, Is.EqualTo("127.0.0.1:1"));
    }

    [Test]
    public async Task Send_LargeAndSmallEnvelopesMixed_ArriveIntactAndInOrder()
    {
        int[] sizes = [10, 70_000, 5, 200_000, 61_400, 61_440, 61_450, 1, 3 * 1024 * 1024, 100, 65_000];
        await using var pair = await UdpPair.StartAsync();

        for (var i = 0; i < sizes.Length * 3; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i, sizes[i % sizes.Length]));
        }

        pair.WaitForReceived(sizes.Length * 3, Patience);
        var received = pair.ReceiverSink.Received.Select(r => r.Envelope).ToList();
        Assert.That(received.Select(NumberOf), Is.EqualTo(Enumerable.Range(0, sizes.Length * 3).Select(i => (long)i)));
        Assert.That(received.Select(e => e.Body.Length), Is.EqualTo(Enumerable.Range(0, sizes.Length * 3).Select(i => sizes[i % sizes.Length])));
        Assert.That(received.All(BodyIntact), Is.True, "every body arrives byte for byte");
    }

    [Test]
    public async Task Send_FromManyThreads_EachThreadsEnvelopesArriveInItsOrder()
    {
        const int Threads = 4;
        const int PerThread = 20_000;
        await using var pair = await UdpPair.StartAsync();

        var senders = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(((long)t << 32) | (uint)i));
            }
        })).ToArray();
        await Task.WhenAll(senders);

        pair.WaitForReceived(Threads * PerThread, Patience);
        var byThread = pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)).GroupBy(n => n >> 32).ToList();
        Assert.That(byThread, Has.Count.EqualTo(Threads));
        foreach (var thread in byThread)
        {
            Assert.That(thread.Select(n => n & 0xFFFFFFFF), Is.EqualTo(Enumerable.Range(0, PerThread).Select(i => (long)i)));
        }
    }

    [Test]
    public async Task Send_BothWays_EachSideReceivesTheOthersEnvelopesInOrder()
    {
        const int Count = 20_000;
        await using var pair = await UdpPair.StartAsync();

        var there = Task.Run(() =>
        {
            for (var i = 0; i < Count; i++)
            {
                pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
            }
        });
        for (var i = 0; i < Count; i++)
        {
            pair.Receiver.Send(pair.Sender.LocalEndpoint, Numbered(i));
        }

        await there;
        pair.WaitForReceived(Count, Patience);
        Assert.That(SpinWait.SpinUntil(() => pair.SenderSink.ReceivedCount >= Count, Patience), Is.True);
        Assert.That(pair.ReceiverSink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
        Assert.That(pair.SenderSink.Received.Select(r => NumberOf(r.Envelope)), Is.EqualTo(Enumerable.Range(0, Count).Select(i => (long)i)));
    }

    [Test]
    public async Task FlushAsync_AfterSending_CompletesOnceEverythingIsDone()
    {
        await using var pair = await UdpPair.StartAsync();
        for (var i = 0; i < 1000; i++)
        {
            pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(i));
        }

        await pair.Sender.FlushAsync(Patience);

        Assert.That(pair.ReceiverSink.ReceivedCount, Is.EqualTo(1000), "flushed means done by the receiver");
    }

    [Test]
    public async Task Send_OverTheMaximum_ThrowsNamingTheCapabilityAndSendsNothing()
    {
        await using var pair = await UdpPair.StartAsync();
        pair.Sender.Configure(new Dictionary<string, object?> { [WireProtocol.MaxMessageSizeCapability] = 1000 });

        var thrown = Assert.Throws<ActorSystemException>(() => pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(1, 2000)));

        Assert.That(thrown!.Message, Does.Contain("Max Message Size").And.Contain("1000"));
        Assert.That(pair.ReceiverSink.ReceivedCount, Is.Zero);
    }

    [Test]
    public async Task Receive_EnvelopeOverTheReceiversMaximum_CutsTheSessionOffAndTheSenderDeadLettersIt()
    {
        await using var pair = await UdpPair.StartAsync();
        pair.Receiver.Configure(new Dictionary<string, object?> { [WireProtocol.MaxMessageSizeCapability] = 100_000 });

        pair.Sender.Send(pair.Receiver.LocalEndpoint, Numbered(1, 200_000));

        Assert.That(SpinWait.SpinUntil(() => pair.SenderSink.UndeliverableCount == 1, Patience), Is.True,
                    "the sender hands the envelope back");
        Assert.That(pair.ReceiverSink.ReceivedCount, Is.Zero);
        Assert.That(pair.ReceiverSink.Violations.Select(v => v.Violation.Message), Has.Some.Contains("Max Message Size"));
    }

    [Test]
    public void Options_SocketBuffers_AreAskedForFourMebibytes()
    {
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        SocketBuffers.Apply(socket, 4 * 1024 * 1024);

        // Linux reports twice what it grants; the grant is the request unless net.core.rmem_max caps it and forcing is refused.
        Assert.That(socket.ReceiveBufferSize, Is.GreaterThanOrEqualTo(4 * 1024 * 1024).Or.GreaterThan(212_992),
                    "a receive buffer above the 208 KiB default");
    }
}
