namespace Thespian.Wire;

/// <summary>
/// Reads frames from a stream through one receive buffer, so a burst of small frames costs one read.
/// A frame's length is checked before its payload is buffered; once a frame has started it must
/// arrive in full within the frame deadline. Any violation throws <see cref="WireProtocolException"/>:
/// the owner closes that connection and nothing else is harmed.
/// </summary>
internal sealed class FrameReader
{
    private readonly Stream _stream;
    private readonly FrameBuffer _frames;
    private readonly TimeSpan _frameDeadline;

    public FrameReader(Stream stream, int maxFrameBytes, TimeSpan frameDeadline)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrameBytes);
        _stream = stream;
        _frames = new FrameBuffer(maxFrameBytes);
        _frameDeadline = frameDeadline;
    }

    /// <summary>Whether a whole frame is already buffered (the next read will not wait for the peer).</summary>
    public bool HasBufferedFrame => _frames.HasFrame;

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
                if (_frames.TryTake(out var payload))
                {
                    return payload;
                }

                var space = _frames.GetReadSpace();
                var frameStarted = _frames.Buffered > 0;
                if (frameStarted && deadline is null)
                {
                    deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    deadline.CancelAfter(_frameDeadline);
                }

                int read;
                try
                {
                    read = await _stream.ReadAsync(space, deadline?.Token ?? cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (deadline is not null && !cancellationToken.IsCancellationRequested)
                {
                    throw new WireProtocolException(WireViolation.DeadlineExceeded,
                        $"A frame started but did not arrive in full within {_frameDeadline.TotalSeconds:0.#} s; the connection is closed.");
                }

                if (read == 0)
                {
                    _frames.CheckClosedBetweenFrames();
                    return null;
                }

                _frames.Advance(read);
            }
        }
        finally
        {
            deadline?.Dispose();
        }
    }
}
