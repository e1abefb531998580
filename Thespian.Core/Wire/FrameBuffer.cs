namespace Thespian.Wire;

/// <summary>
/// The receive buffer of one connection, shared by its readers (asynchronous over a stream, or blocking over a
/// socket): bytes are appended after a read, and whole frames are taken from the front. A frame's length is checked
/// against the maximum before room is made for its payload.
/// </summary>
internal sealed class FrameBuffer
{
    private const int InitialBufferBytes = 64 * 1024;
    private const int SmallestRead = 4 * 1024;

    private readonly int _maxFrameBytes;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;

    public FrameBuffer(int maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>How many bytes are buffered and not yet taken (non-zero: a frame has started).</summary>
    public int Buffered => _end - _start;

    /// <summary>Whether a whole frame is buffered.</summary>
    public bool HasFrame =>
        FrameCodec.TryParse(_buffer.AsSpan(_start, _end - _start), _maxFrameBytes, out _) == FrameParseResult.Frame;

    /// <summary>Takes the next frame's payload (valid until the next read into this buffer) when it is all there.</summary>
    /// <exception cref="WireProtocolException">The next frame announces a length above the maximum.</exception>
    public bool TryTake(out ReadOnlyMemory<byte> payload)
    {
        switch (FrameCodec.TryParse(_buffer.AsSpan(_start, _end - _start), _maxFrameBytes, out var payloadLength))
        {
            case FrameParseResult.Frame:
                payload = _buffer.AsMemory(_start + WireProtocol.FrameHeaderLength, payloadLength);
                _start += WireProtocol.FrameHeaderLength + payloadLength;
                return true;
            case FrameParseResult.TooLarge:
                throw FrameCodec.TooLarge(payloadLength, _maxFrameBytes);
            default:
                payload = default;
                return false;
        }
    }

    /// <summary>Where the next read goes: room enough for the whole frame being received.</summary>
    public Memory<byte> GetReadSpace()
    {
        FrameCodec.TryParse(_buffer.AsSpan(_start, _end - _start), _maxFrameBytes, out var payloadLength);
        MakeRoom(payloadLength);
        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were read into <see cref="GetReadSpace"/>.</summary>
    public void Advance(int count) => _end += count;

    /// <summary>The connection closed: fine between frames, a violation in the middle of one.</summary>
    /// <exception cref="WireProtocolException">Part of a frame had arrived.</exception>
    public void CheckClosedBetweenFrames()
    {
        if (Buffered > 0)
        {
            throw new WireProtocolException(WireViolation.Truncated,
                $"The connection closed in the middle of a frame ({Buffered} bytes of it received).");
        }
    }

    /// <summary>Ensures the buffer can hold the whole frame being read (its length is already checked).</summary>
    private void MakeRoom(int payloadLength)
    {
        var needed = WireProtocol.FrameHeaderLength + payloadLength;
        if (_start == _end && _buffer.Length > 4 * InitialBufferBytes && needed <= InitialBufferBytes)
        {
            _buffer = new byte[InitialBufferBytes];
            _start = _end = 0;
        }

        if (_start > 0 && (_start == _end || _buffer.Length - _start < needed || _buffer.Length - _end < SmallestRead))
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_buffer.Length < needed)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
        else if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
