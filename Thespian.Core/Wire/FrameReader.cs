namespace Thespian.Wire;

/// <summary>
/// Reads frames from a stream through one receive buffer, so a burst of small frames costs one read.
/// A frame's length is checked before its payload is buffered; once a frame has started it must
/// arrive in full within the frame deadline. Any violation throws <see cref="WireProtocolException"/>:
/// the owner closes that connection and nothing else is harmed.
/// </summary>
internal sealed class FrameReader
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxFrameBytes;
    private readonly TimeSpan _frameDeadline;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;

    public FrameReader(Stream stream, int maxFrameBytes, TimeSpan frameDeadline)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _stream = stream;
        _maxFrameBytes = maxFrameBytes;
        _frameDeadline = frameDeadline;
    }

    /// <summary>Whether a whole frame is already buffered (the next read will not wait for the peer).</summary>
    public bool HasBufferedFrame =>
        FrameCodec.TryParse(_buffer.AsSpan(_start, _end - _start), _maxFrameBytes, out _) == FrameParseResult.Frame;

    /// <summary>
    /// The next frame's payload (valid until the next call), or null when the peer closed the
    /// connection between frames.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        CancellationTokenSource? deadline = null;
        try
        {
            while (true)
            {
                var buffered = _buffer.AsSpan(_start, _end - _start);
                switch (FrameCodec.TryParse(buffered, _maxFrameBytes, out var payloadLength))
                {
                    case FrameParseResult.Frame:
                        var payload = _buffer.AsMemory(_start + WireProtocol.FrameHeaderLength, payloadLength);
                        _start += WireProtocol.FrameHeaderLength + payloadLength;
                        return payload;
                    case FrameParseResult.TooLarge:
                        throw FrameCodec.TooLarge(payloadLength, _maxFrameBytes);
                }

                MakeRoom(payloadLength);
                var frameStarted = _end > _start;
                if (frameStarted && deadline is null)
                {
                    deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    deadline.CancelAfter(_frameDeadline);
                }

                int read;
                try
                {
                    read = await _stream.ReadAsync(_buffer.AsMemory(_end), deadline?.Token ?? cancellationToken)
                                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline is not null && !cancellationToken.IsCancellationRequested)
                {
                    throw new WireProtocolException(WireViolation.DeadlineExceeded,
                        $"A frame started but did not arrive in full within {_frameDeadline.TotalSeconds:0.#} s; the connection is closed.");
                }

                if (read == 0)
                {
                    if (frameStarted)
                    {
                        throw new WireProtocolException(WireViolation.Truncated,
                            $"The connection closed in the middle of a frame ({_end - _start} bytes of it received).");
                    }

                    return null;
                }

                _end += read;
            }
        }
        finally
        {
            deadline?.Dispose();
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

        if (_start > 0 && (_start == _end || _buffer.Length - _start < needed))
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
