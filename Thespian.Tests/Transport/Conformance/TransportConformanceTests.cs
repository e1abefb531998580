using System.Buffers.Binary;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Transport.Conformance;

/// <summary>
/// What every transport promises the node above it, written once and run against each transport (a subclass per
/// transport names its <see cref="ITransportLab"/>): order per sender, back-pressure, the size limit, bad input that
/// cuts off only its sender, a receiver that dies handing back exactly what it did not finish, large messages, many
/// peers, and a flush that waits for acknowledgements.
/// </summary>
[Parallelizable(ParallelScope.None)]
internal abstract class TransportConformanceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<ITransport> _transports = [];

    /// <summary>The lab of the transport under test.</summary>
    protected ITransportLab Lab { get; private set; } = null!;

    /// <summary>Makes the lab of the transport under test.</summary>
    protected abstract ITransportLab CreateLab();

    /// <summary>Why a transport does not meet a promise yet (the test is then ignored with that reason); null when it does.</summary>
    protected virtual string? NotYetMet(string test) => null;

    [SetUp]
    public void CreateTheLab() => Lab = CreateLab();

    [TearDown]
    public async Task DisposeEverything()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        _transports.Clear();
        await Lab.DisposeAsync().ConfigureAwait(false);
    }

    [Test]
    public void Send_ManyEnvelopesFromOneSender_ArriveInOrder()
    {
        const int count = 20_000;
        var (receiver, sink) = Started();
        var (sender, _) = Started();

        for (var i = 0; i < count; i++)
        {
            sender.Send(receiver.LocalEndpoint, Numbered(sender, stream: 0, i));
        }

        WaitFor(() => sink.Received.Count == count, $"{count} envelopes arrive");
        Assert.That(sink.Received.Select(Number), Is.EqualTo(Enumerable.Range(0, count)), "in the order sent");
    }

    [Test]
    public void Send_FromManySenders_EachSendersOrderHolds()
    {
        const int senders = 12;
        const int each = 1_000;
        var (receiver, sink) = Started();
        var peers = Enumerable.Range(0, senders).Select(_ => Started().Transport).ToArray();

        Parallel.For(0, senders, s =>
        {
            for (var i = 0; i < each; i++)
            {
                peers[s].Send(receiver.LocalEndpoint, Numbered(peers[s], s, i));
            }
        });

        WaitFor(() => sink.Received.Count == senders * each, $"{senders * each} envelopes arrive");
        foreach (var group in sink.Received.GroupBy(Stream))
        {
            Assert.That(group.Select(Number), Is.EqualTo(Enumerable.Range(0, each)), $"sender {group.Key}'s order");
        }

        Assert.That(sink.Received.Select(Stream).Distinct().Count(), Is.EqualTo(senders), "every sender was heard");
    }

    [Test]
    public void Send_ToAReceiverThatFinishesNothing_BlocksOnceItsWindowIsFull_AndResumesWhenItFinishes()
    {
        const int count = 20_000;
        var (receiver, sink) = Started();
        sink.Holding = true;
        var (sender, _) = Started(queueCapacity: 64);
        var sent = 0;
        var sending = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, i, bodyBytes: 1024));
                Interlocked.Increment(ref sent);
            }
        }) { IsBackground = true };
        sending.Start();

        WaitFor(() => !sink.Received.IsEmpty && IsStill(() => Volatile.Read(ref sent)), "the sender stops making progress");
        Assert.That(Volatile.Read(ref sent), Is.LessThan(count), "Send blocks while the receiver finishes nothing");
        Assert.That(sending.IsAlive, Is.True, "the sending thread waits in Send");

        sink.ReleaseHeld();

        Assert.That(sending.Join(Patience), Is.True, "Send resumes once the receiver finishes what it has");
        WaitFor(() => sink.Received.Count == count, $"all {count} envelopes arrive");
        Assert.That(sink.Received.Select(Number), Is.EqualTo(Enumerable.Range(0, count)), "in order");
    }

    [Test]
    public void Send_OverTheSizeLimit_ThrowsNamingTheCapability_AndSendsNothing()
    {
        var limit = new Dictionary<string, object?> { [WireProtocol.MaxMessageSizeCapability] = 64 * 1024 };
        var (receiver, sink) = Started();
        var (sender, _) = Started(limit);

        var refused = Assert.Throws<ActorSystemException>(() => sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, 0, bodyBytes: 100_000)));
        sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, 1));

        Assert.That(refused!.Message, Does.Contain(WireProtocol.MaxMessageSizeCapability));
        WaitFor(() => sink.Received.Count == 1, "the next envelope arrives");
        Assert.That(Number(sink.Received.Single()), Is.EqualTo(1), "the refused one was never sent");
    }

    [Test]
    public void Receive_OverTheReceiversSizeLimit_CutsOffThatSenderOnly_AndTheSenderGetsItBack()
    {
        if (NotYetMet(nameof(Receive_OverTheReceiversSizeLimit_CutsOffThatSenderOnly_AndTheSenderGetsItBack)) is { } gap)
        {
            Assert.Ignore(gap);
        }

        var (receiver, sink) = Started(new Dictionary<string, object?> { [WireProtocol.MaxMessageSizeCapability] = 64 * 1024 });
        var (big, bigSink) = Started();
        var (other, _) = Started();

        big.Send(receiver.LocalEndpoint, Numbered(big, 0, 0, bodyBytes: 200_000));

        WaitFor(() => sink.Violations.Count == 1, "the receiver reports the oversized message");
        WaitFor(() => bigSink.Undeliverable.Count == 1, "the sender gets it back as undeliverable");
        other.Send(receiver.LocalEndpoint, Numbered(other, 1, 0));
        WaitFor(() => sink.Received.Count == 1, "another sender is still heard");
        Assert.That(sink.Received.Select(Stream), Is.EqualTo(new[] { 1 }));
    }

    [TestCase(BadInput.Malformed)]
    [TestCase(BadInput.Truncated)]
    public void Receive_BadInput_CutsOffOnlyThatPeer(BadInput kind)
    {
        var (receiver, sink) = Started();
        var (sender, _) = Started();
        sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, 0));
        WaitFor(() => sink.Received.Count == 1, "the first envelope arrives");

        Lab.SendBadInput(receiver, kind);
        for (var i = 1; i <= 100; i++)
        {
            sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, i));
        }

        WaitFor(() => sink.Received.Count == 101, "the good sender is still heard");
        Assert.That(sink.Received.Select(Number), Is.EqualTo(Enumerable.Range(0, 101)));
        if (kind == BadInput.Malformed)
        {
            WaitFor(() => !sink.Violations.IsEmpty, "the malformed input is reported");
        }
    }

    [Test]
    public async Task Receiver_DiesWithWorkUnfinished_EverythingNotFinishedComesBackOnce_InOrder()
    {
        const int count = 600;
        const int finished = 200;
        var (receiver, sink) = Started();
        var (sender, senderSink) = Started();
        for (var i = 0; i < finished; i++)
        {
            sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, i));
        }

        WaitFor(() => sink.Received.Count == finished, "the first envelopes are finished");
        sink.Holding = true;
        for (var i = finished; i < count; i++)
        {
            sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, i));
        }

        WaitFor(() => sink.Received.Count > finished, "more arrive and wait");
        await Lab.KillAsync(receiver).ConfigureAwait(false);

        var expectedBack = Enumerable.Range(finished, count - finished).ToArray();
        WaitFor(() => senderSink.Undeliverable.Count >= expectedBack.Length, "the sender gets back what was not finished");
        var back = senderSink.Undeliverable.Select(Number).ToArray();
        Assert.That(back, Is.Unique, "each comes back once");
        Assert.That(back, Is.Ordered, "in the order sent");
        Assert.That(back, Is.SupersetOf(expectedBack), "everything not finished comes back");
        Assert.That(back.All(n => n < count), Is.True);
    }

    [TestCase(1024 * 1024)]
    [TestCase(16 * 1024 * 1024)]
    public void Send_LargeEnvelopes_ArriveIntact(int bodyBytes)
    {
        var (receiver, sink) = Started();
        var (sender, _) = Started();
        var body = new byte[bodyBytes];
        new Random(bodyBytes).NextBytes(body);

        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body, i);
            sender.Send(receiver.LocalEndpoint, Envelope(sender, body.ToArray()));
        }

        WaitFor(() => sink.Received.Count == 3, "three large envelopes arrive");
        var received = sink.Received.ToArray();
        for (var i = 0; i < 3; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(body, i);
            Assert.That(received[i].Body.ToArray(), Is.EqualTo(body), $"envelope {i} intact and in order");
        }
    }

    [Test]
    public async Task FlushAsync_ReturnsOnceEverythingSentIsFinished()
    {
        var (receiver, sink) = Started();
        var (sender, _) = Started();
        for (var i = 0; i < 500; i++)
        {
            sender.Send(receiver.LocalEndpoint, Numbered(sender, 0, i));
        }

        await sender.FlushAsync(Patience).ConfigureAwait(false);

        Assert.That(sink.Received, Has.Count.EqualTo(500), "everything was received and finished before the flush returned");
    }

    [Test]
    public void Send_ToAnEndpointNothingReceivesAt_ComesBackAsUndeliverable()
    {
        var (gone, _) = Started();
        var endpoint = gone.LocalEndpoint;
        Lab.KillAsync(gone).GetAwaiter().GetResult();
        var (sender, senderSink) = Started();

        sender.Send(endpoint, Numbered(sender, 0, 0));

        WaitFor(() => senderSink.Undeliverable.Count == 1, "the envelope comes back");
    }

    /// <summary>Makes, starts and tracks a transport with a recording sink.</summary>
    protected (ITransport Transport, RecordingSink Sink) Started(IReadOnlyDictionary<string, object?>? capabilities = null,
                                                                 int? queueCapacity = null)
    {
        var transport = Lab.Create(capabilities, queueCapacity);
        var sink = new RecordingSink();
        transport.Start(sink);
        _transports.Add(transport);
        return (transport, sink);
    }

    private static Envelope Numbered(ITransport from, int stream, int number, int bodyBytes = 8)
    {
        var body = new byte[Math.Max(bodyBytes, 8)];
        BinaryPrimitives.WriteInt32LittleEndian(body, stream);
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(4), number);
        return Envelope(from, body);
    }

    private static Envelope Envelope(ITransport from, byte[] body) =>
        new(EnvelopeKind.Deliver, new ActorId(1, 2), new ActorId(3, 4), ActorId.Zero, from.LocalEndpoint, body);

    private static int Stream(Envelope envelope) => BinaryPrimitives.ReadInt32LittleEndian(envelope.Body.Span);

    private static int Number(Envelope envelope) => BinaryPrimitives.ReadInt32LittleEndian(envelope.Body.Span[4..]);

    private static void WaitFor(Func<bool> condition, string what) =>
        Assert.That(SpinWait.SpinUntil(condition, Patience), Is.True, $"within {Patience.TotalSeconds} s: {what}");

    /// <summary>Whether a counter stays the same for a while (a blocked sender), checked over half a second.</summary>
    private static bool IsStill(Func<int> counter)
    {
        var before = counter();
        Thread.Sleep(500);
        return counter() == before;
    }
}
