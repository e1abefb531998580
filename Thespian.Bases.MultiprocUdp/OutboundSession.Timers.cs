using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class OutboundSession
{
    /// <summary>The most datagrams sent again at one expiry of the timeout.</summary>
    private const int MaxResentAtExpiry = 64;

    /// <summary>A silent peer is probed for liveness once it has been silent this long (and at least one timeout).</summary>
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromMilliseconds(20);

    private long _lastPing;
    private long _lastProbe;

    /// <summary>
    /// The send thread's periodic look (every few milliseconds while the session waits for anything): the hello and
    /// expired datagrams go again with the timeout doubled; a sender with nothing in flight but envelopes not done, or
    /// held back by the receiver's limit, pings for an acknowledgement; a silent peer is probed for liveness, and is
    /// taken for dead when its port is unreachable or it stays silent past the peer timeout.
    /// </summary>
    /// <returns>Whether the session still waits for something (and needs the timer).</returns>
    public bool OnTimer(long now)
    {
        Exception? death = null;
        lock (_gate)
        {
            if (_state == SessionState.Failed)
            {
                return false;
            }

            if (_helloTransmissions == 0)
            {
                // Made, not written yet (a batching thread writes it soon): nothing to time.
                return true;
            }

            var inFlight = _window.InFlight > 0;
            var blockedByLimit = _queue.Count > 0 && _nextOrdinal >= _peerLimit;
            if (_state == SessionState.Open && !inFlight && _undone.Count == 0 && !_fragmenting && _queue.Count == 0)
            {
                return false;
            }

            var timeoutTicks = ToStopwatchTicks(_rtt.Timeout);
            if (_state == SessionState.Connecting && now - _helloSentAt >= timeoutTicks)
            {
                SendHelloLocked(now);
                _rtt.Backoff();
            }

            if (inFlight)
            {
                _window.CollectExpired(now, timeoutTicks, MaxResentAtExpiry, _resend);
                if (_resend.Count > 0)
                {
                    ResendLocked(now);
                    _rtt.Backoff();
                }
            }
            else if (_state == SessionState.Open)
            {
                // Nothing in flight, yet something waits on the receiver: ask it where it stands.
                var interval = blockedByLimit ? timeoutTicks : Math.Max(timeoutTicks, ToStopwatchTicks(_transport.PeerTimeout / 5));
                if (now - Math.Max(_lastHeard, _lastPing) >= interval)
                {
                    SendBareLocked(DatagramType.Ping);
                    _lastPing = now;
                }
            }

            death = CheckLivenessLocked(now, timeoutTicks);
        }

        if (death is not null)
        {
            Fail(death);
            return false;
        }

        return true;
    }

    /// <summary>Probes a silent peer; the reason it is taken for dead, or null while it may live.</summary>
    private Exception? CheckLivenessLocked(long now, long timeoutTicks)
    {
        var silent = now - _lastHeard;
        if (silent < Math.Max(timeoutTicks, ToStopwatchTicks(ProbeAfter)))
        {
            return null;
        }

        if (_probe is null)
        {
            try
            {
                _probe = new LivenessProbe(Remote, Id, _transport.Options.Secret);
            }
            catch (SocketException)
            {
                // No socket to spare: the peer timeout decides.
            }
        }

        if (_probe is { } probe)
        {
            if (probe.PortUnreachable)
            {
                return new IOException($"Nothing listens on {Endpoint} any more (port unreachable): its process is gone.");
            }

            if (now - _lastProbe >= timeoutTicks)
            {
                probe.Send();
                _lastProbe = now;
            }
        }

        var timeout = _transport.PeerTimeout;
        return silent >= ToStopwatchTicks(timeout)
            ? new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{Endpoint} acknowledged nothing for {timeout.TotalSeconds:0.###} s (the capability \"{UdpPeerTimeout.Capability}\"): taken for gone."))
            : null;
    }

    private void SendBareLocked(DatagramType type)
    {
        Span<byte> datagram = stackalloc byte[DatagramCodec.HeaderLength];
        DatagramCodec.WriteBare(datagram, type, Id);
        _transport.SendDatagram(datagram, Address);
    }

    private static long ToStopwatchTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
