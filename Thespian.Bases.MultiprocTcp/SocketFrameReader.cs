using System.Net.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Reads frames from a socket that only a dedicated thread reads, with blocking receives: the thread sleeps in the
/// kernel until bytes arrive and wakes straight into the frame parsing (no thread-pool hop). Same rules as
/// <see cref="FrameReader"/>: a length is checked before its payload is buffered, and a started frame must arrive in
/// full within the frame deadline.
/// </summary>
internal sealed class SocketFrameReader
{
    private readonly Socket _socket;
    private readonly FrameBuffer _frames;
    private readonly TimeSpan _frameDeadline;
    private int _receiveTimeout;

    public SocketFrameReader(Socket socket, int maxFrameBytes, TimeSpan frameDeadline)
    {
        _socket = socket;
        _frames = new FrameBuffer(maxFrameBytes);
        _frameDeadline = frameDeadline;
    }

    /// <summary>Whether a whole frame is already buffered (the next read will not wait for the peer).</summary>
    public bool HasBufferedFrame => _frames.HasFrame;

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

            SetReceiveTimeout(frameStarted ? (int)Math.Min(_frameDeadline.TotalMilliseconds, int.MaxValue) : 0);
            int read;
            try
            {
                read = _socket.Receive(space.Span, SocketFlags.None);
            }
            catch (SocketException ex) when (frameStarted && ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                throw Late();
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
            _socket.ReceiveTimeout = milliseconds;
            _receiveTimeout = milliseconds;
        }
    }
}
