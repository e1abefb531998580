namespace Thespian.Tests.Wire;

/// <summary>
/// A read-only stream that hands out the given bytes, then blocks every further read until the
/// read's cancellation token is cancelled (like a peer that stopped sending but keeps the connection open).
/// </summary>
internal sealed class StallingStream : Stream
{
    private readonly byte[] _prefix;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _offset;

    public StallingStream(byte[] prefix)
    {
        _prefix = prefix;
    }

    /// <summary>Completes when a read has started blocking.</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>How many reads were cancelled while blocked.</summary>
    public int CancelledReads { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset < _prefix.Length)
        {
            var count = Math.Min(buffer.Length, _prefix.Length - _offset);
            _prefix.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        _stalled.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            CancelledReads++;
            throw;
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Only asynchronous reads can stall until cancelled.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
