using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class UdpTransport
{
    /// <summary>The receiving thread acknowledges a busy session at least every this many datagrams.</summary>
    private const int AcknowledgeEvery = 16;

    /// <summary>
    /// How long an acknowledgement may wait for a data datagram to the same peer to ride on (a reply usually follows a
    /// request within it), and for more datagrams to acknowledge together — far below the smallest retransmission
    /// timeout. One millisecond: the finest wait the socket's poll offers.
    /// </summary>
    private const int AcknowledgementDelayMicroseconds = 1000;

    private static readonly long AcknowledgementDelayTicks = Stopwatch.Frequency * AcknowledgementDelayMicroseconds / 1_000_000;

    private long _acknowledgementsDueSince;

    private readonly List<InboundSession> _acknowledgementsDue = [];
    private readonly RateLimitedReports _resets = new(TimeSpan.FromSeconds(1), perInterval: 100);
    private readonly UnknownSessions _unknownSessions = new();

    /// <summary>The transport whose receiving thread this is.</summary>
    [ThreadStatic]
    private static UdpTransport? t_receiving;

    /// <summary>Whether the calling thread is this transport's receiving thread.</summary>
    internal bool IsReceivingThread => ReferenceEquals(t_receiving, this);

    /// <summary>
    /// The receiving thread: blocks in the kernel for the next datagram, hands it to its session, and — before it waits
    /// again, or every few datagrams of a busy session — acknowledges. Nothing a peer sends can end it: a datagram that
    /// breaks the protocol is dropped and reported (rate-limited), and a malformed one from a session cuts that session
    /// off, nothing else.
    /// </summary>
    private void ReceiveLoop()
    {
        t_transportThread = true;
        t_receiving = this;
        var buffer = GC.AllocateUninitializedArray<byte>(64 * 1024);
        var from = new SocketAddress(_socket.AddressFamily);
        var blocked = false;
        while (!_stopping)
        {
            int length;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                if (blocked)
                {
                    _poll.Unblocked();
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (_stopping)
                {
                    break;
                }

                // An error from the kernel about an earlier datagram (e.g. port unreachable): nothing to receive.
                continue;
            }

            try
            {
                if (Admit(buffer, ref length, from))
                {
                    Dispatch(buffer, length, from);
                }
            }
            catch (Exception ex) when (!_stopping)
            {
                // A fault while handing an envelope on: report it, keep receiving for everyone else.
                Report(Describe(from), new InvalidOperationException($"A datagram could not be handled: {ex.Message}", ex));
            }

            blocked = !WaitForNextDatagram();
        }

        t_transportThread = false;
        t_receiving = null;
        _receiveEnded.TrySetResult();
    }

    /// <summary>
    /// Between datagrams: polls a busy socket for a moment; sends the acknowledgements due once they have waited long
    /// enough; true when a datagram is there (the next receive will not block), false when the thread is about to block.
    /// </summary>
    private bool WaitForNextDatagram()
    {
        try
        {
            if (_socket.Available > 0 || _poll.PollForBytes())
            {
                if (_acknowledgementsDue.Count > 0 &&
                    Stopwatch.GetTimestamp() - _acknowledgementsDueSince >= AcknowledgementDelayTicks)
                {
                    FlushAcknowledgements();
                }

                return true;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closing: the receive says so.
        }

        if (_acknowledgementsDue.Count > 0 && AcknowledgementsWaitedLongEnough())
        {
            FlushAcknowledgements();
        }

        _poll.Blocking();
        return false;
    }

    /// <summary>
    /// Whether the acknowledgements due have waited long enough: their delay is over, or nothing arrives before it is
    /// (the thread waits for the next datagram at most that long, so it never sleeps on acknowledgements owed).
    /// </summary>
    private bool AcknowledgementsWaitedLongEnough()
    {
        var waited = Stopwatch.GetTimestamp() - _acknowledgementsDueSince;
        if (waited >= AcknowledgementDelayTicks)
        {
            return true;
        }

        try
        {
            // Poll waits in whole milliseconds (shorter waits return at once).
            return _socket.Available == 0 && !_socket.Poll(AcknowledgementDelayMicroseconds, SelectMode.SelectRead);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private void Dispatch(byte[] buffer, int length, SocketAddress from)
    {
        var datagram = buffer.AsSpan(0, length);
        var status = DatagramCodec.ReadHeader(datagram, out var type, out var session);
        if (status == HeaderStatus.NotThespian)
        {
            ReportStranger(from, string.Create(CultureInfo.InvariantCulture, $"A datagram of {length} bytes that is not Thespian's was dropped."));
            return;
        }

        if (status == HeaderStatus.OtherVersion)
        {
            if (type == DatagramType.Hello)
            {
                SendAnswer(from, session, HandshakeStatus.VersionMismatch);
            }

            ReportStranger(from, $"A datagram in another version of the Thespian UDP format ({buffer[2]}; this build speaks " +
                                 $"{DatagramCodec.Version}) was dropped. Run the same Thespian version on both sides.");
            return;
        }

        switch (type)
        {
            case DatagramType.Hello:
                OnHello(datagram, from, session);
                break;
            case DatagramType.Data:
                OnData(buffer, length, from, session);
                break;
            case DatagramType.Ping:
                OnPing(from, session);
                break;
            case DatagramType.Answer:
                if (FindOutbound(from, session) is { } answered)
                {
                    var (answer, window) = DatagramCodec.ReadAnswer(datagram);
                    answered.OnAnswer(answer, window);
                }

                break;
            case DatagramType.Ack:
            case DatagramType.Closing:
                if (FindOutbound(from, session) is { } acknowledged)
                {
                    Span<SackRange> ranges = stackalloc SackRange[DatagramCodec.MaxSackRanges];
                    var count = DatagramCodec.ReadAck(datagram, out var ack, ranges);
                    acknowledged.OnAck(ack, ranges[..count], closing: type == DatagramType.Closing);
                }

                if (type == DatagramType.Closing)
                {
                    // Heard (also when the session ended already): the closing receiver stops repeating it.
                    Span<byte> seen = stackalloc byte[DatagramCodec.HeaderLength];
                    SendDatagram(seen[..DatagramCodec.WriteBare(seen, DatagramType.ClosingSeen, session)], from);
                }

                break;
            case DatagramType.ClosingSeen:
                if (_inbound.TryGetValue(from, out var closed) && closed.Id == session)
                {
                    closed.ClosingConfirmed = true;
                }

                break;
            case DatagramType.Reset:
                FindOutbound(from, session)?.OnReset(DatagramCodec.ReadResetReason(datagram));
                break;
            case DatagramType.Bye:
                if (_inbound.TryGetValue(from, out var leaving) && leaving.Id == session)
                {
                    DropInbound(leaving, reset: null);
                }

                break;
            case DatagramType.Liveness:
                // Another process checking that this one lives: the kernel's silence is the answer.
                break;
        }
    }

    /// <summary>The outbound session a receiver's datagram answers (an older session's answers are ignored).</summary>
    private OutboundSession? FindOutbound(SocketAddress from, ulong session) =>
        _outboundByAddress.TryGetValue(from, out var outbound) && outbound.Id == session ? outbound : null;

    /// <summary>
    /// A hello: a probe is answered without any state; otherwise a session is made for the peer (replacing one it had:
    /// it restarted, or its old session failed) and the hello answered — again, when it is repeated.
    /// </summary>
    private void OnHello(ReadOnlySpan<byte> datagram, SocketAddress from, ulong session)
    {
        WireRole role;
        try
        {
            role = DatagramCodec.ReadHello(datagram);
        }
        catch (WireProtocolException ex)
        {
            if (ex.Violation == WireViolation.VersionMismatch)
            {
                SendAnswer(from, session, HandshakeStatus.VersionMismatch);
            }

            ReportStranger(from, ex.Message);
            return;
        }

        if (role == WireRole.AdminProbe)
        {
            SendAnswer(from, session, Options.Role == WireRole.Admin ? HandshakeStatus.Accepted : HandshakeStatus.RoleRefused);
            return;
        }

        if (_closedReceiving)
        {
            SendClosing(from, session, new AckInfo(0, 0, 0));
            return;
        }

        if (!_receiving)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (_inbound.TryGetValue(from, out var existing))
        {
            if (existing.Id == session)
            {
                SendAnswer(from, session, HandshakeStatus.Accepted);
                return;
            }

            DropInbound(existing, reset: null);
        }
        else if (_inbound.Count >= Options.MaxPeers && !EvictIdle(now))
        {
            ReportStranger(from, string.Create(CultureInfo.InvariantCulture,
                $"A hello was refused: {Options.MaxPeers} peers have sessions open already."));
            return;
        }

        _unknownSessions.Forget(session);
        var address = Copy(from);
        _inbound[address] = new InboundSession(this, address, session, role, Options, _reorderBudget, _reassemblyBudget, now);
        SendAnswer(from, session, HandshakeStatus.Accepted);
    }

    /// <summary>A data datagram: processed in order, kept when ahead of a gap, acknowledged again when a duplicate.</summary>
    private void OnData(byte[] buffer, int length, SocketAddress from, ulong session)
    {
        if (length >= DatagramCodec.DataHeaderLength &&
            DatagramCodec.ReadPiggybackedAck(buffer.AsSpan(0, length), out var ack) is var ackSession and not 0 &&
            FindOutbound(from, ackSession) is { } acknowledged)
        {
            acknowledged.OnAck(ack, [], closing: false);
        }

        if (!_inbound.TryGetValue(from, out var inbound) || inbound.Id != session)
        {
            UnknownSession(from, session);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        inbound.LastHeard = now;
        if (_closedReceiving)
        {
            AnswerClosing(inbound, now);
            return;
        }

        ulong sequence;
        try
        {
            sequence = DatagramCodec.ReadSequence(buffer.AsSpan(0, length));
        }
        catch (WireProtocolException ex)
        {
            CutOff(inbound, ex);
            return;
        }

        if (!_receiving)
        {
            // Nothing new is taken: what is not acknowledged stays with its sender, which dead-letters it.
            if (sequence <= inbound.Window.Cumulative)
            {
                inbound.AcknowledgementForced = true;
                MarkAcknowledgementDue(inbound);
            }

            return;
        }

        switch (inbound.Window.Offer(sequence, buffer.AsSpan(0, length)))
        {
            case OfferResult.InOrder:
                if (Process(inbound, buffer.AsMemory(0, length)) == ProcessResult.Processed)
                {
                    inbound.Window.Advance();
                    ProcessKept(inbound);
                    inbound.Publish();
                    MarkAcknowledgementDue(inbound);
                }

                break;
            case OfferResult.Buffered:
                // A gap: say at once what arrived beyond it, so the sender sends the missing one again.
                SendAcknowledgement(inbound);
                break;
            case OfferResult.Duplicate:
                // Its sender missed the acknowledgement: it goes again, even with nothing new in it.
                inbound.AcknowledgementForced = true;
                MarkAcknowledgementDue(inbound);
                break;
        }
    }

    /// <summary>Processes the kept datagrams that the last one made next in order.</summary>
    private void ProcessKept(InboundSession inbound)
    {
        while (!inbound.Dropped && inbound.Window.TryPeekBuffered(out var kept))
        {
            if (Process(inbound, kept) != ProcessResult.Processed)
            {
                return;
            }

            inbound.Window.Advance();
        }
    }

    private void OnPing(SocketAddress from, ulong session)
    {
        if (!_inbound.TryGetValue(from, out var inbound) || inbound.Id != session)
        {
            UnknownSession(from, session);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        inbound.LastHeard = now;
        if (_closedReceiving)
        {
            AnswerClosing(inbound, now);
            return;
        }

        SendAcknowledgement(inbound);
    }

    /// <summary>
    /// A datagram of a session this process does not hold: a reset tells its sender (rate-limited, so a flood is not
    /// reflected); after closing, a closing one. Reported only when the session stays unknown past a grace period
    /// (<see cref="UnknownSessions"/>): under loss, data that overtook a lost hello is ordinary.
    /// </summary>
    private void UnknownSession(SocketAddress from, ulong session)
    {
        if (_closedReceiving)
        {
            SendClosing(from, session, new AckInfo(0, 0, 0));
            return;
        }

        if (_resets.ShouldReport(out _))
        {
            Span<byte> reset = stackalloc byte[DatagramCodec.HeaderLength + 1];
            SendDatagram(reset[..DatagramCodec.WriteReset(reset, session, ResetReason.UnknownSession)], from);
        }

        if (_unknownSessions.ShouldReport(session, Stopwatch.GetTimestamp()))
        {
            ReportStranger(from, string.Create(CultureInfo.InvariantCulture,
                $"Datagrams of a session this process does not hold kept coming for {UnknownSessions.Grace.TotalSeconds:0.#} s; each was dropped and answered with a reset. The sender never said hello, or ignores resets: check what runs there."));
        }
    }

    /// <summary>Drops idle sessions (long silent, everything done) to make room for a new peer; whether any went.</summary>
    private bool EvictIdle(long now)
    {
        var idleTicks = (long)(2 * PeerTimeout.TotalSeconds * Stopwatch.Frequency);
        var evicted = false;
        foreach (var session in _inbound.Values)
        {
            if (now - session.LastHeard > idleTicks && session.AllDone)
            {
                DropInbound(session, reset: null);
                evicted = true;
            }
        }

        return evicted;
    }

    /// <summary>A session broke the protocol: reported, dropped, and its sender told (it dead-letters what was not done).</summary>
    private void CutOff(InboundSession inbound, Exception violation)
    {
        Report(inbound.RemoteText, violation);
        DropInbound(inbound, ResetReason.ProtocolViolation);
    }

    private void DropInbound(InboundSession inbound, ResetReason? reset)
    {
        _inbound.TryRemove(new KeyValuePair<SocketAddress, InboundSession>(inbound.Address, inbound));
        inbound.Drop();
        if (reset is { } reason)
        {
            Span<byte> datagram = stackalloc byte[DatagramCodec.HeaderLength + 1];
            SendDatagram(datagram[..DatagramCodec.WriteReset(datagram, inbound.Id, reason)], inbound.Address);
        }
    }

    private void SendAnswer(SocketAddress to, ulong session, HandshakeStatus status)
    {
        Span<byte> answer = stackalloc byte[DatagramCodec.AnswerLength];
        var window = status == HandshakeStatus.Accepted ? (uint)Options.ReceiveWindowEnvelopes : 0;
        SendDatagram(answer[..DatagramCodec.WriteAnswer(answer, session, status, window)], to);
    }

    private void SendClosing(SocketAddress to, ulong session, in AckInfo ack)
    {
        Span<byte> closing = stackalloc byte[DatagramCodec.MaxAckLength];
        SendDatagram(closing[..DatagramCodec.WriteAck(closing, DatagramType.Closing, session, ack, [])], to);
    }

    /// <summary>After closing, a session's sender is told again (at most every few milliseconds) that nothing more is taken.</summary>
    private void AnswerClosing(InboundSession inbound, long now)
    {
        if (now - inbound.LastClosingSent >= Stopwatch.Frequency / 100)
        {
            inbound.LastClosingSent = now;
            SendClosing(inbound.Address, inbound.Id, inbound.AckNow(closing: true));
        }
    }

    private void ReportStranger(SocketAddress from, string what) =>
        Report(Describe(from), new WireProtocolException(WireViolation.BadHandshake, what));

    /// <summary>Reports a violation to the sink, a few per interval at most (saying how many were held back).</summary>
    private void Report(string remote, Exception violation)
    {
        if (_sink is null || !_reports.ShouldReport(out var suppressed))
        {
            return;
        }

        _sink.OnProtocolViolation(remote, suppressed == 0
            ? violation
            : new WireProtocolException(WireViolation.BadHandshake, string.Create(CultureInfo.InvariantCulture,
                $"{violation.Message} ({suppressed} similar reports were held back.)")));
    }

    private static SocketAddress Copy(SocketAddress address)
    {
        var copy = new SocketAddress(address.Family, address.Size);
        address.Buffer.Span[..address.Size].CopyTo(copy.Buffer.Span);
        return copy;
    }
}
