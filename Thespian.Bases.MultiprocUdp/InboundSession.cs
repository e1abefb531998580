using System.Net;
using System.Net.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// What this process knows of one peer that sends to it: made only by a valid hello, identified by the peer's address
/// and the random session id the hello carried (every datagram of the session carries it too). It puts the peer's
/// datagrams back in order (<see cref="ReceiveWindow"/>), puts large envelopes together (<see cref="Reassembly"/>),
/// counts what was handed on, and owns the receipt that counts what is done. The receiving thread owns it; other threads
/// only read what an acknowledgement needs (<see cref="PublishedCumulative"/>, the receipt).
/// </summary>
internal sealed class InboundSession
{
    private ulong _publishedCumulative;
    private ulong _acknowledgedCumulative;
    private long _delivered;
    private string? _remoteText;

    public InboundSession(UdpTransport transport, SocketAddress address, ulong id, WireRole role, UdpTransportOptions options,
                          MemoryBudget reorderBudget, MemoryBudget reassemblyBudget, long now)
    {
        Address = address;
        Id = id;
        Role = role;
        Window = new ReceiveWindow(options.MaxInFlightDatagrams, options.MaxInFlightBytes + DatagramCodec.MaxDatagramBytes, reorderBudget);
        Reassembly = new Reassembly(reassemblyBudget);
        Receipt = new UdpReceipt(transport, this, fromAdmin: role == WireRole.Admin, options.ReceiveWindowEnvelopes);
        LastHeard = now;
    }

    /// <summary>The peer's address (a copy of its own).</summary>
    public SocketAddress Address { get; }

    /// <summary>The session id the peer chose.</summary>
    public ulong Id { get; }

    /// <summary>The role the peer announced.</summary>
    public WireRole Role { get; }

    /// <summary>The peer's datagrams in order.</summary>
    public ReceiveWindow Window { get; }

    /// <summary>The envelope being put together from fragments.</summary>
    public Reassembly Reassembly { get; }

    /// <summary>The receipt of the session's envelopes.</summary>
    public UdpReceipt Receipt { get; }

    /// <summary>When the peer was last heard from (stopwatch ticks).</summary>
    public long LastHeard { get; set; }

    /// <summary>Whether an acknowledgement is due before the receiving thread waits again.</summary>
    public bool AcknowledgementDue { get; set; }

    /// <summary>How many datagrams were processed since the last acknowledgement (alone, or riding along) said so.</summary>
    public ulong Unacknowledged => Window.Cumulative - Math.Min(Volatile.Read(ref _acknowledgedCumulative), Window.Cumulative);

    /// <summary>Whether the peer said it heard this process's closing.</summary>
    public bool ClosingConfirmed { get; set; }

    /// <summary>When the receiving thread last answered a datagram after this process closed its receiving side.</summary>
    public long LastClosingSent { get; set; }

    /// <summary>Whether the session was dropped (replaced, cut off, or closed).</summary>
    public bool Dropped { get; private set; }

    /// <summary>How many envelopes were handed on.</summary>
    public long Delivered => Volatile.Read(ref _delivered);

    /// <summary>Every datagram up to this number was processed, as last published for threads other than the receiving one.</summary>
    public ulong PublishedCumulative => Volatile.Read(ref _publishedCumulative);

    /// <summary>Whether the next acknowledgement must go even if it says nothing new (a duplicate or a ping asked for it).</summary>
    public bool AcknowledgementForced { get; set; }

    /// <summary>Whether an acknowledgement would say something the last one did not.</summary>
    public bool HasNews => Window.Cumulative > Volatile.Read(ref _acknowledgedCumulative) ||
                           Receipt.DoneCount > Receipt.AcknowledgedCount || Window.HasGap;

    /// <summary>Whether everything handed on is done.</summary>
    public bool AllDone => Receipt.DoneCount >= Delivered;

    /// <summary>The peer's address as text (for logs).</summary>
    public string RemoteText => _remoteText ??= UdpTransport.Describe(Address);

    /// <summary>One more envelope was handed on.</summary>
    public void CountDelivered() => Interlocked.Increment(ref _delivered);

    /// <summary>Makes <see cref="ReceiveWindow.Cumulative"/> visible to other threads.</summary>
    public void Publish() => Volatile.Write(ref _publishedCumulative, Window.Cumulative);

    /// <summary>
    /// The datagram after <see cref="ReceiveWindow.Cumulative"/> is taken (its envelopes are about to be handed on): a
    /// reply sent while they are handled carries its acknowledgement.
    /// </summary>
    public void PublishNext() => Volatile.Write(ref _publishedCumulative, Window.Cumulative + 1);

    /// <summary>The acknowledgement as the receiving thread would send it now.</summary>
    public AckInfo AckNow(bool closing = false)
    {
        var done = (ulong)Receipt.DoneCount;
        return new AckInfo(PublishedCumulative, done, closing ? done : (ulong)Receipt.HandledCount + (ulong)Receipt.Window);
    }

    /// <summary>An acknowledgement went out (alone or riding on a data datagram).</summary>
    public void Acknowledged(in AckInfo ack)
    {
        var seen = Volatile.Read(ref _acknowledgedCumulative);
        while (ack.Cumulative > seen)
        {
            var previous = Interlocked.CompareExchange(ref _acknowledgedCumulative, ack.Cumulative, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        Receipt.Acknowledged((long)ack.Done);
    }

    /// <summary>Ends the session: what it kept is given back, its receipt closes.</summary>
    public void Drop()
    {
        Dropped = true;
        Receipt.Close();
        Window.Clear();
        Reassembly.Clear();
    }
}
