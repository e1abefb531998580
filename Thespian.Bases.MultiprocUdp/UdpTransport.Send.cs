using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

internal sealed partial class UdpTransport
{
    /// <summary>How often the send thread looks at the timers while any session waits for something.</summary>
    private const int TimerTickMilliseconds = 5;

    private readonly ConcurrentQueue<OutboundSession> _ready = new();
    private readonly WakeSignal _wake = new();
    private volatile bool _timerNeeded;

    /// <summary>Whether this thread is one of this process's UDP transport threads (they never wait for room in a queue).</summary>
    [ThreadStatic]
    private static bool t_transportThread;

    /// <inheritdoc />
    public void Send(string endpoint, Envelope envelope)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        WireProtocol.RefuseOversized(envelope.EncodedLength, MaxMessageBytes);

        var mayBlock = !t_transportThread;
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (!TryGetSession(endpoint, envelope, out var session))
            {
                return;
            }

            if (session.TryEnqueue(envelope, mayBlock))
            {
                if (!Batched(session, envelope))
                {
                    Schedule(session);
                }

                return;
            }

            // The session ended after failing; a fresh one is made for the next attempt.
            Forget(session);
        }
    }

    /// <summary>Has the send thread write what <paramref name="session"/> queued.</summary>
    internal void Schedule(OutboundSession session)
    {
        if (session.TryMarkScheduled())
        {
            _ready.Enqueue(session);
            _wake.Set();
        }
    }

    /// <summary>A session waits for something (an answer, an acknowledgement): the send thread keeps its timers running.</summary>
    internal void NeedTimer()
    {
        if (!_timerNeeded)
        {
            _timerNeeded = true;
            _wake.Set();
        }
    }

    /// <summary>
    /// The session for <paramref name="endpoint"/>, made when there is none. An endpoint that names no address this
    /// socket can reach makes the envelope undeliverable at once (reported off this thread, as a failed connection would be).
    /// </summary>
    private bool TryGetSession(string endpoint, Envelope envelope, out OutboundSession session)
    {
        if (_outbound.TryGetValue(endpoint, out session!))
        {
            return true;
        }

        IPEndPoint remote;
        try
        {
            remote = Resolve(endpoint);
        }
        catch (Exception ex) when (ex is ArgumentException or SocketException)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                state => ReportUndeliverable(state.endpoint, [state.envelope], state.ex), (endpoint, envelope, ex), preferLocal: false);
            session = null!;
            return false;
        }

        var created = new OutboundSession(this, endpoint, remote);
        session = _outbound.GetOrAdd(endpoint, created);
        if (ReferenceEquals(session, created))
        {
            _outboundByAddress[created.Address] = created;
        }

        return true;
    }

    /// <summary>The address of "host:port", in the socket's address family.</summary>
    /// <exception cref="ArgumentException">Not "host:port", or the host has no address of the socket's family.</exception>
    private IPEndPoint Resolve(string endpoint)
    {
        var (host, port) = IpEndpoints.Parse(endpoint);
        var family = LocalAddress.AddressFamily;
        if (IPAddress.TryParse(host, out var address))
        {
            if (address.AddressFamily != family)
            {
                address = family == AddressFamily.InterNetworkV6 && address.AddressFamily == AddressFamily.InterNetwork
                    ? address.MapToIPv6()
                    : throw new ArgumentException($"{endpoint} is not reachable from a socket bound to {LocalAddress.Address}.", nameof(endpoint));
            }

            return new IPEndPoint(address, port);
        }

        var found = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == family)
            ?? throw new ArgumentException($"{host} has no address reachable from a socket bound to {LocalAddress.Address}.", nameof(endpoint));
        return new IPEndPoint(found, port);
    }

    /// <summary>
    /// The send thread: writes what non-batching threads queued (each session in as few datagrams as the window allows),
    /// and, every few milliseconds while any session waits for something, runs the sessions' timers. It sleeps without
    /// a timeout when nothing waits, so an idle process costs nothing.
    /// </summary>
    private void SendLoop()
    {
        t_transportThread = true;
        var lastTick = Stopwatch.GetTimestamp();
        var tickTicks = Stopwatch.Frequency * TimerTickMilliseconds / 1000;
        while (!_stopping)
        {
            try
            {
                _wake.Wait(_timerNeeded ? TimerTickMilliseconds : Timeout.Infinite);
                while (_ready.TryDequeue(out var session))
                {
                    session.ClearScheduled();
                    session.WriteQueued();
                }

                var now = Stopwatch.GetTimestamp();
                if (_timerNeeded && now - lastTick >= tickTicks)
                {
                    lastTick = now;
                    RunTimers(now);
                }
            }
            catch (Exception ex) when (!_stopping)
            {
                // A fault (a sink that threw) must not stop the sending of everything else.
                _sink?.OnProtocolViolation(LocalEndpoint, new InvalidOperationException($"The UDP send thread met a fault: {ex.Message}", ex));
            }
        }

        t_transportThread = false;
        _sendEnded.TrySetResult();
    }

    private void RunTimers(long now)
    {
        // Cleared first: a session that starts waiting meanwhile sets it again.
        _timerNeeded = false;
        var needed = false;
        foreach (var session in _outbound.Values)
        {
            needed |= session.OnTimer(now);
        }

        if (needed)
        {
            _timerNeeded = true;
        }
    }
}
