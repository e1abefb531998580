using System.Buffers.Binary;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// What one outbound connection has accepted and not yet seen acknowledged: the count of envelopes queued or written
/// (for draining), and the envelopes written, in order, until the receiver's acknowledgements release them.
/// </summary>
internal sealed class AcknowledgementTracker
{
    private readonly Queue<Envelope> _written = new();
    private readonly Lock _drainedGate = new();
    private TaskCompletionSource _drained = NewDrainedSignal(completed: true);
    private int _pending;

    /// <summary>One more envelope was accepted.</summary>
    public void AddPending()
    {
        if (Interlocked.Increment(ref _pending) == 1)
        {
            lock (_drainedGate)
            {
                // The count is read again under the lock: the removal that emptied it may take the lock after this.
                if (Volatile.Read(ref _pending) > 0 && _drained.Task.IsCompleted)
                {
                    _drained = NewDrainedSignal(completed: false);
                }
            }
        }
    }

    /// <summary><paramref name="count"/> accepted envelopes were acknowledged or handed back.</summary>
    public void RemovePending(int count)
    {
        if (count > 0 && Interlocked.Add(ref _pending, -count) <= 0)
        {
            lock (_drainedGate)
            {
                // An envelope accepted since the count reached zero (its AddPending may have taken the lock first) keeps
                // the wait open.
                if (Volatile.Read(ref _pending) <= 0)
                {
                    _drained.TrySetResult();
                }
            }
        }
    }

    /// <summary>Completes when everything accepted has been acknowledged or handed back.</summary>
    public Task WaitDrainedAsync()
    {
        lock (_drainedGate)
        {
            return _drained.Task;
        }
    }

    /// <summary>These envelopes are being written, in this order.</summary>
    public void Written(List<Envelope> envelopes)
    {
        lock (_written)
        {
            foreach (var envelope in envelopes)
            {
                _written.Enqueue(envelope);
            }
        }
    }

    /// <summary>
    /// Acknowledgements arrived: each is a little-endian count of envelopes the receiver has handed on. Returns how many
    /// envelopes they released.
    /// </summary>
    public int Acknowledged(ReadOnlySpan<byte> counts)
    {
        var released = 0;
        lock (_written)
        {
            for (var i = 0; i + WireProtocol.FrameHeaderLength <= counts.Length; i += WireProtocol.FrameHeaderLength)
            {
                var count = Math.Min(Math.Max(BinaryPrimitives.ReadInt32LittleEndian(counts[i..]), 0), _written.Count);
                for (var j = 0; j < count; j++)
                {
                    _written.Dequeue();
                }

                released += count;
            }
        }

        RemovePending(released);
        return released;
    }

    /// <summary>Moves every written, unacknowledged envelope to <paramref name="into"/> (the connection failed).</summary>
    public void TakeAll(List<Envelope> into)
    {
        lock (_written)
        {
            into.AddRange(_written);
            _written.Clear();
        }
    }

    /// <summary>After the queue is closed (disposal), waits briefly for the last acknowledgements.</summary>
    public void WaitForAcknowledgements(Func<bool> failed)
    {
        for (var i = 0; i < 200 && Volatile.Read(ref _pending) > 0 && !failed(); i++)
        {
            Thread.Sleep(5);
        }
    }

    private static TaskCompletionSource NewDrainedSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            signal.SetResult();
        }

        return signal;
    }
}
