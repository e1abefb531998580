using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Limits that hold under abuse: the frame deadline (also the handshake's), the cap on inbound connections, and the bound
/// on connections still in their handshake — so that stalled strangers (slowloris) neither pile up threads nor starve
/// real peers; and the rate-limited reports of connections refused, reset or timed out, naming the peer.
/// </summary>
internal sealed partial class TcpTransport
{
    private readonly RateLimitedReports _limitReports = new(TimeSpan.FromSeconds(10), perInterval: 10);
    private readonly RateLimitedReports _failureReports = new(TimeSpan.FromSeconds(10), perInterval: 10);
    private readonly ConcurrentDictionary<Socket, long> _handshaking = new();
    private readonly ConcurrentDictionary<Socket, byte> _evicted = new();
    private readonly Lock _admission = new();
    private long _frameDeadlineTicks;
    private int _maxInboundConnections;
    private long _refusedOverLimit;

    /// <summary>How long a started frame, or a handshake, may take to arrive in full ("Frame Deadline Seconds").</summary>
    public TimeSpan FrameDeadline
    {
        get => TimeSpan.FromTicks(Volatile.Read(ref _frameDeadlineTicks));
        set => Volatile.Write(ref _frameDeadlineTicks, value.Ticks);
    }

    /// <summary>How many inbound connections this process keeps open at once ("Max Inbound Connections").</summary>
    public int MaxInboundConnections
    {
        get => Volatile.Read(ref _maxInboundConnections);
        set => Volatile.Write(ref _maxInboundConnections, value);
    }

    /// <summary>How many inbound connections are open now (including those in their handshake).</summary>
    internal int InboundConnections => _inbound.Count;

    /// <summary>How many accepted connections were closed at once to keep a limit.</summary>
    internal long RefusedOverLimit => Interlocked.Read(ref _refusedOverLimit);

    private void ApplyLimits(IReadOnlyDictionary<string, object?>? capabilities)
    {
        FrameDeadline = TcpLimitSettings.FrameDeadlineFrom(capabilities);
        MaxInboundConnections = TcpLimitSettings.MaxInboundConnectionsFrom(capabilities);
    }

    /// <summary>
    /// Whether a connection just accepted may stay: false (it is closed at once, and logged) past "Max Inbound
    /// Connections"; past <see cref="TcpLimitSettings.MaxPendingHandshakes"/> in their handshake, the one waiting longest
    /// is closed to make room if it has waited <see cref="TcpLimitSettings.HandshakeGrace"/>, else the new one is.
    /// </summary>
    private bool Admit(Socket socket, string remote)
    {
        string? refusal = null;
        Socket? evicted = null;
        long evictedSince = 0;
        lock (_admission)
        {
            var open = _inbound.Count;
            if (open >= MaxInboundConnections)
            {
                refusal = string.Create(CultureInfo.InvariantCulture,
                    $"{open} inbound connections are open, the most \"{CommonCapabilities.MaxInboundConnections}\" allows; raise it if this process needs more peers");
            }
            else if (_handshaking.Count >= TcpLimitSettings.MaxPendingHandshakes)
            {
                (evicted, evictedSince) = OldestHandshake();
                if (evicted is null || Stopwatch.GetElapsedTime(evictedSince) < TcpLimitSettings.HandshakeGrace)
                {
                    evicted = null;
                    refusal = string.Create(CultureInfo.InvariantCulture,
                        $"{TcpLimitSettings.MaxPendingHandshakes} connections are in their handshake, each for less than " +
                        $"{TcpLimitSettings.HandshakeGrace.TotalSeconds:0.#} s");
                }
                else
                {
                    _handshaking.TryRemove(evicted, out _);
                    _evicted.TryAdd(evicted, 0);
                }
            }

            if (refusal is null)
            {
                _inbound.TryAdd(socket, 0);
                _handshaking.TryAdd(socket, Stopwatch.GetTimestamp());
            }
        }

        if (evicted is not null)
        {
            ReportOverLimit(RemoteOf(evicted), string.Create(CultureInfo.InvariantCulture,
                $"closed while still in its handshake after {Stopwatch.GetElapsedTime(evictedSince).TotalSeconds:0.#} s, to make room: " +
                $"{TcpLimitSettings.MaxPendingHandshakes} connections were in their handshake at once"));
            ShutDownQuietly(evicted);
        }

        if (refusal is not null)
        {
            ReportOverLimit(remote, refusal);
            socket.Dispose();
            return false;
        }

        return true;
    }

    /// <summary>The connection in its handshake the longest, and since when (null when none).</summary>
    private (Socket? Socket, long Since) OldestHandshake()
    {
        Socket? oldest = null;
        var since = long.MaxValue;
        foreach (var (socket, started) in _handshaking)
        {
            if (started < since)
            {
                (oldest, since) = (socket, started);
            }
        }

        return (oldest, since);
    }

    /// <summary>The connection's handshake ended (done, refused or failed): it no longer counts as pending.</summary>
    private void EndHandshake(Socket socket) => _handshaking.TryRemove(socket, out _);

    /// <summary>Whether the connection was closed to make room (already reported): its handshake's failure is not reported again.</summary>
    private bool WasEvicted(Socket socket) => _evicted.TryRemove(socket, out _);

    private void ReportOverLimit(string remote, string reason)
    {
        Interlocked.Increment(ref _refusedOverLimit);
        if (_limitReports.ShouldReport(out var suppressed))
        {
            Sink.OnConnectionOverLimit(remote, WithSuppressed(reason, suppressed, "refusals"));
        }
    }

    /// <summary>
    /// A connection to or from <paramref name="remote"/> ended with <paramref name="failure"/>: reported (a few per
    /// interval) when it was refused, reset or timed out with something <paramref name="inFlight"/> (envelopes handed back
    /// as undeliverable, a frame started, a handshake under way), and this transport is not stopping. A failure that cut
    /// nothing short is not reported: a process that ends resets every connection whose acknowledgements it had not read,
    /// and a connection that failed before it took an envelope leaves the envelope to the next one, which reports.
    /// </summary>
    internal void ReportConnectionFailure(string remote, bool outbound, Exception failure, bool inFlight)
    {
        if (!inFlight || IsStopping || (!outbound && _reading.IsCancellationRequested) ||
            ConnectionFailures.Describe(failure) is not { } description)
        {
            return;
        }

        if (_failureReports.ShouldReport(out var suppressed))
        {
            Sink.OnConnectionFailed(remote, outbound, WithSuppressed(description, suppressed, "connection failures"));
        }
    }

    /// <summary>An inbound protocol violation, reported a few per interval at most: a flood of bad connections must not fill the log.</summary>
    private void ReportViolation(string remote, WireProtocolException violation)
    {
        if (_refusals.ShouldReport(out var suppressed))
        {
            Sink.OnProtocolViolation(remote, suppressed == 0
                ? violation
                : new WireProtocolException(violation.Violation, WithSuppressed(violation.Message, suppressed, "refusals")));
        }
    }

    private static string WithSuppressed(string text, int suppressed, string what) => suppressed == 0
        ? text
        : string.Create(CultureInfo.InvariantCulture, $"{text} ({suppressed} more {what} were held back.)");

    /// <summary>The peer's endpoint as log lines name it.</summary>
    private static string RemoteOf(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint?.ToString() ?? "unknown peer";
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return "unknown peer";
        }
    }

    /// <summary>Wakes the connection's thread (its read ends); that thread closes the socket.</summary>
    private static void ShutDownQuietly(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}
