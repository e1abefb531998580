namespace Thespian.Multiproc;

/// <summary>
/// Where one outbound queue stood when a handler was done with a message: how many envelopes the queue had accepted by
/// then. The handler's sends have reached the next process once the queue has settled (been acknowledged for, or handed
/// back) that many.
/// </summary>
/// <param name="Queue">The outbound queue the handler sent on.</param>
/// <param name="Accepted">How many envelopes the queue had accepted when the handler was done.</param>
internal readonly record struct OutputMark(IBatchedQueue Queue, long Accepted)
{
    /// <summary>Whether everything the queue had accepted by then is settled.</summary>
    public bool IsSettled => Queue.SettledCount >= Accepted;
}

/// <summary>
/// Handled envelopes whose acknowledgement waits until what their handlers sent has settled
/// (<see cref="ITransport.SettleAfterOutputs"/>), in the order they were handled: an envelope never settles before one
/// handled earlier, so an acknowledgement (a count of envelopes done, in order) always covers a prefix of what really is.
/// One per transport; a transport calls <see cref="SettleReady"/> whenever one of its outbound queues has settled more.
/// </summary>
internal sealed class OutputSettlement
{
    private readonly Queue<Waiting> _waiting = new();
    private readonly Lock _gate = new();
    private int _count;
    private int _settling;

    /// <summary>Whether any handled envelope waits (cheap: read on every acknowledgement a transport receives).</summary>
    public bool HasWaiting => Volatile.Read(ref _count) > 0;

    /// <summary>Whether nothing waits and no thread is settling (its acknowledgements are written).</summary>
    public bool IsIdle => !HasWaiting && Volatile.Read(ref _settling) == 0;

    /// <summary>A thread starts settling (<see cref="ThreadBatch{TQueue,TReceipt}.SettleReady"/>): until it ends, not idle.</summary>
    public void EnterSettling() => Interlocked.Increment(ref _settling);

    /// <summary>The thread's settling, and the acknowledgements it wrote, are over.</summary>
    public void ExitSettling() => Interlocked.Decrement(ref _settling);

    /// <summary>
    /// Waits until <see cref="IsIdle"/>, up to <paramref name="timeout"/>: a process that is leaving lets what it handled
    /// be acknowledged before it closes its receiving side (else its senders would dead-letter what it did handle).
    /// </summary>
    public async Task WaitIdleAsync(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!IsIdle && Environment.TickCount64 < deadline)
        {
            await Task.Delay(2).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Settles <paramref name="receipt"/>'s envelope at once when nothing waits and every mark is settled; otherwise once
    /// they are and everything before it has settled.
    /// </summary>
    /// <param name="receipt">The receipt of the handled envelope.</param>
    /// <param name="outputs">Where the handler's sends stood (none: it sent nothing).</param>
    public void Settle(IReceipt receipt, ReadOnlySpan<OutputMark> outputs)
    {
        lock (_gate)
        {
            if (_waiting.Count > 0 || !AllSettled(outputs))
            {
                _waiting.Enqueue(new Waiting(receipt, outputs.ToArray()));
                Volatile.Write(ref _count, _waiting.Count);
                return;
            }
        }

        receipt.Settled();
    }

    /// <summary>
    /// Settles, in order, every waiting envelope whose handler's sends have settled, up to the first that has not — or,
    /// with <paramref name="all"/>, every waiting envelope now, whatever its handler's sends: for a process that is leaving
    /// in an orderly way, which stays to hand back itself whatever of its own sends cannot be delivered.
    /// </summary>
    public void SettleReady(bool all = false)
    {
        if (!HasWaiting)
        {
            return;
        }

        List<IReceipt>? ready = null;
        lock (_gate)
        {
            while (_waiting.TryPeek(out var next) && (all || AllSettled(next.Outputs)))
            {
                (ready ??= []).Add(_waiting.Dequeue().Receipt);
            }

            Volatile.Write(ref _count, _waiting.Count);
        }

        if (ready is null)
        {
            return;
        }

        foreach (var receipt in ready)
        {
            receipt.Settled();
        }
    }

    private static bool AllSettled(ReadOnlySpan<OutputMark> outputs)
    {
        foreach (var mark in outputs)
        {
            if (!mark.IsSettled)
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Waiting(IReceipt Receipt, OutputMark[] Outputs);
}
