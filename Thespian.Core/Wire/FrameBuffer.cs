namespace Thespian.Wire;

/// <summary>
/// The receive buffer of one connection, shared by its readers (asynchronous over a stream, or blocking over a
/// socket): bytes are appended after a read, and whole frames are taken from the front. A frame's length is checked
/// against the maximum before room is made for its payload. A large frame (<see cref="DetachedFrameBytes"/> or more)
/// is read into an array of its own instead, which the buffer never reuses: its payload is handed over detached, so
/// the receiver may keep it without a copy, and the shared buffer stays small.
/// </summary>
internal sealed class FrameBuffer
{
    /// <summary>Frames with a payload of this many bytes or more are read into an array of their own.</summary>
    public const int DetachedFrameBytes = 64 * 1024;

    private const int InitialBufferBytes = 64 * 1024;
    private const int SmallestRead = 4 * 1024;

    private readonly int _maxFrameBytes;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;

    /// <summary>The payload of the large frame being received (its header already taken from the buffer), or null.</summary>
    private byte[]? _detached;
    private int _detachedFilled;

    public FrameBuffer(int maxFrameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _maxFrameBytes = maxFrameBytes;
    }

    /// <summary>How many bytes are buffered and not yet taken (non-zero: a frame has started).</summary>
    public int Buffered => _end - _start + (_detached is null ? 0 : WireProtocol.FrameHeaderLength + _detachedFilled);

    /// <summary>Whether a whole frame is buffered.</summary>
    public bool HasFrame => _detached is not null
        ? _detachedFilled == _detached.Length
        : FrameCodec.TryParse(_buffer.AsSpan(_start, _end - _start), _maxFrameBytes, out _) == FrameParseResult.Frame;

    /// <summary>
    /// Takes the next frame's payload when it is all there. It is valid until the next read into this buffer, unless
    /// <paramref name="detached"/>: then it is an array of its own, which the caller may keep.
    /// </summary>
    /// <exception cref="WireProtocolException">The next frame announces a length above the maximum.</exception>
    public bool TryTake(out ReadOnlyMemory<byte> payload, out bool detached)
    {
        detached = false;
        if (_detached is { } whole)
        {
            payload = default;
            if (_detachedFilled < whole.Length)
            {
                return false;
            }

            payload = whole;
            detached = true;
            _detached = null;
            _detachedFilled = 0;
            return true;
        }

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

    /// <inheritdoc cref="TryTake(out ReadOnlyMemory{byte}, out bool)"/>
    public bool TryTake(out ReadOnlyMemory<byte> payload) => TryTake(out payload, out _);

    /// <summary>
    /// Where the next read goes: room enough for the whole frame being received (for a large frame, exactly the rest of
    /// its payload, so that no byte of the next frame lands in its array).
    /// </summary>
    public Memory<byte> GetReadSpace()
    {
        if (IsDetaching)
        {
            return _detached.AsMemory(_detachedFilled);
        }

        var front = FrameCodec.TryParse(_buffer.AsSpan(_start, _end - _start), _maxFrameBytes, out var payloadLength);
        if (_detached is null && front == FrameParseResult.NeedMoreData && payloadLength >= DetachedFrameBytes)
        {
            Detach(payloadLength);
            return _detached.AsMemory(_detachedFilled);
        }

        // (A whole detached frame not yet taken comes before anything read into the buffer now.) Room is never made for a
        // frame above the maximum: taking it throws first.
        MakeRoom(front == FrameParseResult.TooLarge ? 0 : payloadLength);
        return _buffer.AsMemory(_end);
    }

    /// <summary>Whether a large frame is being read into its own array (and reads go there).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(_detached))]
    private bool IsDetaching => _detached is { } large && _detachedFilled < large.Length;

    /// <summary>Records that <paramref name="count"/> bytes were read into <see cref="GetReadSpace"/>.</summary>
    public void Advance(int count)
    {
        if (IsDetaching)
        {
            _detachedFilled += count;
        }
        else
        {
            _end += count;
        }
    }

    /// <summary>
    /// Moves the large frame whose header is at the front into an array of its own: the part of its payload already
    /// buffered is copied there (everything buffered belongs to it, as the frame is not complete).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_detached))]
    private void Detach(int payloadLength)
    {
        var payload = GC.AllocateUninitializedArray<byte>(payloadLength);
        var received = _buffer.AsSpan(_start + WireProtocol.FrameHeaderLength, _end - _start - WireProtocol.FrameHeaderLength);
        received.CopyTo(payload);
        _detached = payload;
        _detachedFilled = received.Length;
        _start = _end = 0;
    }

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
