using System.Diagnostics;
using System.Net.Sockets;

namespace Thespian.Sockets;

/// <summary>
/// Polls one busy socket (a TCP connection, or the UDP transport's socket) for a short while before its receiving
/// thread blocks in the kernel. A thread woken from a
/// blocking receive costs 50–70 µs on a virtual machine whose idle CPU must be woken first; polling, a loopback round
/// trip costs ~10 µs. Only a busy connection polls (its previous wait ended within <see cref="BusyFactor"/> windows), so
/// a quiet system uses no CPU; and each turn of the poll yields the CPU, so threads with work run first.
/// </summary>
internal sealed class ReceivePoller
{
    /// <summary>A connection whose last wait was at most this many poll windows long is busy, and polls before its next wait.</summary>
    private const int BusyFactor = 4;

    private readonly Socket _socket;
    private readonly Func<long> _windowTicks;
    private long _blockedSince;
    private bool _busy;

    /// <param name="socket">The connection's socket.</param>
    /// <param name="windowTicks">The poll window in <see cref="Stopwatch"/> ticks, read at each wait (0 turns polling off).</param>
    public ReceivePoller(Socket socket, Func<long> windowTicks)
    {
        _socket = socket;
        _windowTicks = windowTicks;
    }

    /// <summary>
    /// Between frames: polls while the connection is busy, up to one window. True when the socket became readable (bytes
    /// arrived or the peer closed: the receive will not block); false when the thread is about to block, which
    /// <see cref="Unblocked"/> then measures.
    /// </summary>
    public bool PollForBytes()
    {
        var window = _windowTicks();
        if (_busy && window > 0)
        {
            var until = Stopwatch.GetTimestamp() + window;
            do
            {
                // Readable: bytes arrived, or the peer closed (the receive then reads the end of the stream).
                if (_socket.Poll(0, SelectMode.SelectRead))
                {
                    return true;
                }

                Thread.Yield();
            }
            while (Stopwatch.GetTimestamp() < until);
        }

        Blocking();
        return false;
    }

    /// <summary>
    /// The thread is about to block in the kernel (<see cref="PollForBytes"/> says so itself when it gives up; a caller
    /// that does other waiting first says so again just before it blocks).
    /// </summary>
    public void Blocking() => _blockedSince = Stopwatch.GetTimestamp();

    /// <summary>A blocking receive that <see cref="PollForBytes"/> announced has returned: the connection stays busy if it waited briefly.</summary>
    public void Unblocked() =>
        _busy = Stopwatch.GetTimestamp() - _blockedSince <= BusyFactor * _windowTicks();
}
