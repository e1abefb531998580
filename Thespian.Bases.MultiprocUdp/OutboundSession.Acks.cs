using System.Diagnostics;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class OutboundSession
{
    /// <summary>A datagram is taken for lost once this many datagrams sent after it have been acknowledged.</summary>
    private const int LossThreshold = 3;

    private readonly List<ulong> _resend = [];
    private long _lastHeard;

    /// <summary>The receiver answered the hello (on the receiving thread).</summary>
    public void OnAnswer(HandshakeStatus status, uint window)
    {
        Exception? refused = null;
        var schedule = false;
        lock (_gate)
        {
            if (_state == SessionState.Failed)
            {
                return;
            }

            var now = Now;
            _lastHeard = now;
            if (status != HandshakeStatus.Accepted)
            {
                refused = Handshake.Refused(status, _transport.Options.Role);
            }
            else
            {
                if (_state == SessionState.Connecting)
                {
                    _state = SessionState.Open;
                    if (_helloTransmissions == 1)
                    {
                        _rtt.Sample(Stopwatch.GetElapsedTime(_helloSentAt, now));
                    }

                    _rtt.ResetBackoff();
                }

                _peerLimit = Math.Max(_peerLimit, window);
                schedule = HasWorkLocked();
            }
        }

        if (refused is not null)
        {
            Fail(refused);
        }
        else if (schedule)
        {
            _transport.Schedule(this);
        }
    }

    /// <summary>
    /// An acknowledgement arrived (on the receiving thread): what arrived leaves the send window, what is done is
    /// forgotten, the limit moves on, datagrams overtaken by acknowledged ones are sent again. A closing one then ends
    /// the session: what the receiver did not do is handed back at once.
    /// </summary>
    public void OnAck(in AckInfo ack, ReadOnlySpan<SackRange> ranges, bool closing)
    {
        var schedule = false;
        lock (_gate)
        {
            if (_state == SessionState.Failed)
            {
                return;
            }

            var now = Now;
            _lastHeard = now;
            if (_state == SessionState.Connecting)
            {
                // The receiver acknowledges only sessions it accepted: the answer was lost.
                _state = SessionState.Open;
            }

            var outcome = _window.Acknowledge(ack.Cumulative, ranges, now);
            if (outcome.Released > 0)
            {
                _rtt.ResetBackoff();
            }

            if (outcome.RoundTripTicks >= 0)
            {
                _rtt.Sample(Stopwatch.GetElapsedTime(0, outcome.RoundTripTicks));
            }

            ReleaseDoneLocked(ack.Done);
            if (!closing)
            {
                _peerLimit = Math.Max(_peerLimit, ack.Limit);
                ResendLostLocked(now);
                schedule = HasWorkLocked() && _window.HasRoom(DatagramBytes);
            }
        }

        _transport.OutputsSettled();
        if (closing)
        {
            Fail(new IOException($"{Endpoint} closed its receiving side; what it had not done was not delivered."));
        }
        else if (schedule)
        {
            _transport.Schedule(this);
        }
    }

    /// <summary>
    /// The receiver reset the session (on the receiving thread). While the hello may still be on its way (data can
    /// overtake it when it is lost), the hello goes again; otherwise the session ends.
    /// </summary>
    public void OnReset(ResetReason reason)
    {
        lock (_gate)
        {
            if (_state == SessionState.Failed)
            {
                return;
            }

            if (_state == SessionState.Connecting && reason == ResetReason.UnknownSession)
            {
                var now = Now;
                if (Stopwatch.GetElapsedTime(_helloSentAt, now) >= _rtt.BaseTimeout / 2)
                {
                    SendHelloLocked(now);
                }

                return;
            }
        }

        Fail(new IOException(reason == ResetReason.ProtocolViolation
            ? $"{Endpoint} cut the session off for a protocol violation (see its log)."
            : $"{Endpoint} no longer knows this session (its process restarted, or it dropped the session)."));
    }

    /// <summary>Forgets the envelopes the receiver says are done (never more than were sent whole).</summary>
    private void ReleaseDoneLocked(ulong done)
    {
        var sentWhole = _nextOrdinal - (_fragmenting ? 1UL : 0UL);
        var upTo = Math.Min(done, sentWhole);
        if (upTo <= _peerDone)
        {
            return;
        }

        var count = (int)(upTo - _peerDone);
        for (var i = 0; i < count; i++)
        {
            _undone.Dequeue();
        }

        _peerDone = upTo;
        RemovePendingLocked(count);
    }

    /// <summary>Sends again the datagrams that acknowledged ones overtook.</summary>
    private void ResendLostLocked(long now)
    {
        _resend.Clear();
        var reorderTicks = (long)(_rtt.Smoothed.TotalSeconds * Stopwatch.Frequency / 4);
        _window.CollectLost(reorderTicks, LossThreshold, _resend);
        ResendLocked(now);
    }

    private void ResendLocked(long now)
    {
        foreach (var sequence in _resend)
        {
            if (_window.Resend(sequence, now) is { } datagram)
            {
                _transport.SendDatagram(datagram, Address);
            }
        }

        _resend.Clear();
    }
}
