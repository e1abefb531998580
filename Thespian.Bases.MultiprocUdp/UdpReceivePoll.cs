using System.Diagnostics;
using System.Net.Sockets;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Polls the socket for a short while before the receiving thread blocks in the kernel, as the TCP transport does for a
/// busy connection: a thread woken from a blocking receive costs tens of microseconds on a virtual machine whose idle CPU
/// must be woken first, which is most of a loopback round trip. Only while the socket is busy (its previous wait ended
/// within <see cref="BusyFactor"/> windows) does it poll, so a quiet process uses no CPU; each turn of the poll yields
/// the CPU, so threads with work run first. Set by the capability "Receive Poll Microseconds" (<see cref="Thespian.Sockets.ReceivePollSetting"/>),
/// the same one that tunes the TCP transport.
/// </summary>
internal sealed class UdpReceivePoll
{
    /// <summary>A socket whose last wait was at most this many poll windows long is busy, and polls before its next wait.</summary>
    private const int BusyFactor = 4;

    private readonly Socket _socket;
    private long _windowTicks;
    private long _blockedSince;
    private bool _busy;

    public UdpReceivePoll(Socket socket, TimeSpan window)
    {
        _socket = socket;
        Window = window;
    }

    /// <summary>How long the socket is polled before the thread blocks (zero: never).</summary>
    public TimeSpan Window
    {
        get => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _windowTicks));
        set => Volatile.Write(ref _windowTicks, value > TimeSpan.Zero ? (long)(value.TotalSeconds * Stopwatch.Frequency) : 0);
    }

    /// <summary>Polls while the socket is busy, up to one window; true as soon as a datagram is there to read.</summary>
    public bool PollForDatagram()
    {
        var window = Volatile.Read(ref _windowTicks);
        if (!_busy || window <= 0)
        {
            return false;
        }

        var until = Stopwatch.GetTimestamp() + window;
        do
        {
            if (_socket.Poll(0, SelectMode.SelectRead))
            {
                return true;
            }

            Thread.Yield();
        }
        while (Stopwatch.GetTimestamp() < until);
        return false;
    }

    /// <summary>The thread is about to block in the kernel.</summary>
    public void Blocking() => _blockedSince = Stopwatch.GetTimestamp();

    /// <summary>A blocking receive returned: the socket stays busy if it waited briefly.</summary>
    public void Unblocked() => _busy = Stopwatch.GetTimestamp() - _blockedSince <= BusyFactor * Volatile.Read(ref _windowTicks);
}
