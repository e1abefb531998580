namespace Thespian.Multiproc;

/// <summary>
/// A batch opened on this thread by <see cref="MultiprocNode.Batch"/>: disposing it ends the batch (the outermost one
/// writes what the thread queued and acknowledges what it marked done).
/// </summary>
internal readonly struct TransportBatch : IDisposable
{
    private readonly ITransport _transport;

    public TransportBatch(ITransport transport)
    {
        _transport = transport;
        transport.BeginBatch();
    }

    /// <summary>Writes now what this thread's batch has queued so far.</summary>
    public void Flush() => _transport.FlushBatch();

    /// <inheritdoc />
    public void Dispose() => _transport.EndBatch();
}
