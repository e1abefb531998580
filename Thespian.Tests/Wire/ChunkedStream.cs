namespace Thespian.Tests.Wire;

/// <summary>
/// A read-only stream that hands out the given chunks, at most one chunk per read (less when the
/// caller's buffer is smaller), then reports end of stream. It records every read so tests can prove
/// what a reader did and did not consume.
/// </summary>
internal sealed class ChunkedStream : Stream
{
    private readonly Queue<byte[]> _chunks;
    private byte[] _current = [];
    private int _offset;

    public ChunkedStream(params IEnumerable<byte[]> chunks)
    {
        _chunks = new Queue<byte[]>(chunks);
    }

    /// <summary>How many reads were made (including the one that reported end of stream).</summary>
    public int ReadCount { get; private set; }

    /// <summary>How many bytes were handed out in total.</summary>
    public long BytesDelivered { get; private set; }

    /// <summary>Whether any chunk is still waiting to be read.</summary>
    public bool HasUnreadData => _offset < _current.Length || _chunks.Count > 0;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ReadCount++;
        while (_offset == _current.Length)
        {
            if (!_chunks.TryDequeue(out var next))
            {
                return 0;
            }

            _current = next;
            _offset = 0;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        BytesDelivered += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
