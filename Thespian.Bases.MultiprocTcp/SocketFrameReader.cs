using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Reads frames from a connection (<see cref="ConnectionStream"/>: the socket, or TLS over it) that only a dedicated thread reads, with blocking receives: the thread sleeps in the
/// kernel until bytes arrive and wakes straight into the frame parsing (no thread-pool hop). Same rules as
/// <see cref="FrameReader"/>: a length is checked before its payload is buffered, and a started frame must arrive in
/// full within the frame deadline. Between frames a busy connection polls briefly before it blocks
/// (<see cref="ReceivePoller"/>), and whatever must happen before the thread sleeps (acknowledging) happens only when it
/// is really about to.
/// </summary>
internal sealed class SocketFrameReader
{
    private readonly ConnectionStream _connection;
    private readonly FrameBuffer _frames;
    private readonly TimeSpan _frameDeadline;
    private readonly ReceivePoller? _poller;
    private readonly Action? _beforeWaiting;
    private int _receiveTimeout;

    /// <param name="connection">The connection, read only by the calling thread.</param>
    /// <param name="maxFrameBytes">The largest frame accepted.</param>
    /// <param name="frameDeadline">How long a started frame may take to arrive in full.</param>
    /// <param name="poller">Polls a busy connection between frames before the thread blocks (null: never polls).</param>
    /// <param name="beforeWaiting">Runs between frames when the thread is about to block for the peer's next bytes.</param>
    public SocketFrameReader(ConnectionStream connection, int maxFrameBytes, TimeSpan frameDeadline, ReceivePoller? poller = null, Action? beforeWaiting = null)
    {
        _connection = connection;
        _frames = new FrameBuffer(maxFrameBytes);
        _frameDeadline = frameDeadline;
        _poller = poller;
        _beforeWaiting = beforeWaiting;
    }

    /// <summary>Whether a frame has started and not yet arrived in full (a reset now cuts a message short).</summary>
    public bool InFrame => _frames.Buffered > 0;

    /// <summary>Whether the last frame's payload is an array of its own (a large frame), which the caller may keep.</summary>
    public bool LastFrameDetached { get; private set; }

    /// <summary>
    /// The next frame's payload (valid until the next call, unless <see cref="LastFrameDetached"/>), or null when the peer
    /// closed the connection (or this side shut its receiving down) between frames.
    /// </summary>
    /// <exception cref="WireProtocolException">The frame is too large, truncated, or late.</exception>
    public ReadOnlyMemory<byte>? ReadFrame()
    {
        long deadline = 0;
        while (true)
        {
            if (_frames.TryTake(out var payload, out var detached))
            {
                LastFrameDetached = detached;
                return payload;
            }

            var space = _frames.GetReadSpace();
            var frameStarted = _frames.Buffered > 0;
            if (frameStarted && deadline == 0)
            {
                deadline = Environment.TickCount64 + (long)_frameDeadline.TotalMilliseconds;
            }

            var waitingForPeer = !frameStarted && _poller?.PollForBytes() != true;
            if (waitingForPeer)
            {
                _beforeWaiting?.Invoke();
            }

            SetReceiveTimeout(frameStarted ? (int)Math.Min(_frameDeadline.TotalMilliseconds, int.MaxValue) : 0);
            int read;
            try
            {
                read = _connection.Receive(space.Span);
            }
            catch (SocketException ex) when (frameStarted && ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                throw Late();
            }

            if (waitingForPeer)
            {
                _poller?.Unblocked();
            }

            if (read == 0)
            {
                _frames.CheckClosedBetweenFrames();
                return null;
            }

            _frames.Advance(read);
            if (deadline != 0 && !_frames.HasFrame && Environment.TickCount64 > deadline)
            {
                throw Late();
            }
        }
    }

    private WireProtocolException Late() => new(WireViolation.DeadlineExceeded,
        $"A frame started but did not arrive in full within {_frameDeadline.TotalSeconds:0.#} s; the connection is closed.");

    /// <summary>Sets the socket's receive timeout only when it changes (each change is a system call).</summary>
    private void SetReceiveTimeout(int milliseconds)
    {
        if (_receiveTimeout != milliseconds)
        {
            _connection.Socket.ReceiveTimeout = milliseconds;
            _receiveTimeout = milliseconds;
        }
    }
}
