using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Thespian.Sockets;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Opens an outbound connection without any asynchronous socket call, so that the socket stays in blocking mode
/// (an asynchronous call would switch it for good to waits that go through the thread pool).
/// </summary>
/// <remarks>
/// A lost SYN (or SYN-ACK) costs the kernel's retransmission timer: 1 s, then 2, 4, 8 s. So that a lossy network does not
/// turn two or three lost packets into a failed connection, an attempt not answered within <see cref="AttemptWait"/>
/// is abandoned and a fresh one started, until the overall timeout: a new SYN every second instead of ever fewer.
/// A refusal (nothing listens: the peer's process is gone) fails at once.
/// </remarks>
internal static class BlockingConnect
{
    /// <summary>How long one attempt waits for its answer before a fresh attempt starts.</summary>
    public static readonly TimeSpan AttemptWait = TimeSpan.FromSeconds(1);

    /// <summary>Connects to "host:port" within <paramref name="timeout"/>, unless <paramref name="stopping"/> says to give up first.</summary>
    /// <exception cref="SocketException">Refused, unreachable, or not answered in time.</exception>
    /// <exception cref="OperationCanceledException">The caller is stopping.</exception>
    public static Socket Open(string endpoint, TimeSpan timeout, Func<bool> stopping)
    {
        var (host, port) = IpEndpoints.Parse(endpoint);
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host)[0];
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            if (TryOpen(address, port, remaining < AttemptWait ? remaining : AttemptWait) is { } socket)
            {
                return socket;
            }

            if (stopping())
            {
                throw new OperationCanceledException("The transport is stopping.");
            }
        }
    }

    /// <summary>One attempt: the connected socket, or null when nothing answered within <paramref name="wait"/>.</summary>
    /// <exception cref="SocketException">Refused or unreachable.</exception>
    private static Socket? TryOpen(IPAddress address, int port, TimeSpan wait)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Blocking = false;
            try
            {
                socket.Connect(address, port);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                var microseconds = (int)Math.Clamp(wait.TotalMicroseconds, 0, int.MaxValue);
                var answered = socket.Poll(microseconds, SelectMode.SelectWrite);

                // The attempt's outcome must be read before anything else looks at the socket: reading Connected
                // consumes a refusal (SO_ERROR reads 0 after it), and the refused attempt would look unanswered: the
                // loop would then retry a dead endpoint until the timeout instead of failing at once.
                if (socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int code && code != 0)
                {
                    throw new SocketException(code);
                }

                if (!answered)
                {
                    socket.Dispose();
                    return null;
                }
            }

            socket.Blocking = true;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
