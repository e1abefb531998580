using Thespian.Bases.MultiprocTcp;
using static Thespian.Tests.Unit.Concurrency.NumberedEnvelopes;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// Two TCP transports on loopback, each with a <see cref="RecordingSink"/>: the sender's outbound connection to the
/// receiver is what these tests exercise.
/// </summary>
internal sealed class TransportPair : IAsyncDisposable
{
    private int _receiverDisposed;

    private TransportPair(TcpTransport sender, TcpTransport receiver, RecordingSink senderSink, RecordingSink receiverSink)
    {
        Sender = sender;
        Receiver = receiver;
        SenderSink = senderSink;
        ReceiverSink = receiverSink;
    }

    public TcpTransport Sender { get; }

    public TcpTransport Receiver { get; }

    /// <summary>Where the sender's undeliverables go.</summary>
    public RecordingSink SenderSink { get; }

    public RecordingSink ReceiverSink { get; }

    public static TransportPair Start(RecordingSink receiverSink, int? queueCapacity = null)
    {
        var options = new TcpTransportOptions();
        var sender = new TcpTransport(queueCapacity is { } capacity ? options with { QueueCapacity = capacity } : options);
        var receiver = new TcpTransport(new TcpTransportOptions());
        var senderSink = new RecordingSink(marksDone: true);
        sender.Start(senderSink);
        receiver.Start(receiverSink);
        return new TransportPair(sender, receiver, senderSink, receiverSink);
    }

    /// <summary>Sends envelopes <paramref name="first"/> and on, each with the body <see cref="RecordingSink.BodyFor"/> gives it.</summary>
    public void Send(int first, int count, Func<int, int> bodyLength, Action<int>? sent = null)
    {
        for (var i = first; i < first + count; i++)
        {
            Sender.Send(Receiver.LocalEndpoint, Numbered(i, RecordingSink.BodyFor(i, bodyLength(i))));
            sent?.Invoke(i);
        }
    }

    /// <summary>Stops the receiving process's transport at once (as when its process ends).</summary>
    public async Task DisposeReceiverAsync()
    {
        if (Interlocked.Exchange(ref _receiverDisposed, 1) == 0)
        {
            await Receiver.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        ReceiverSink.Resume.Set();
        await Sender.DisposeAsync();
        await DisposeReceiverAsync();
    }

    /// <summary>Whether <paramref name="sequences"/> is first, first + 1, … (in order, none twice, none missing).</summary>
    public static bool IsRun(IReadOnlyList<int> sequences, int first, int count) =>
        sequences.Count == count && sequences.Select((s, i) => s == first + i).All(b => b);
}

/// <summary>Sizes of bodies.</summary>
internal static class Bodies
{
    /// <summary>Small bodies, with a large one (sent from where it is, not copied into a batch) now and then.</summary>
    public static int MostlySmall(int sequence) => sequence % 997 == 0 ? 100 * 1024 : 100;
}
