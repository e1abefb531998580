namespace Thespian.Admin;

/// <summary>What <see cref="OwnedMailbox{T}.TryWriteOrOwn"/> did.</summary>
internal enum MailboxWrite
{
    /// <summary>The mailbox has been completed (its process is exiting): the item was not added.</summary>
    Refused,

    /// <summary>Added; its owner (or the reader thread) runs it.</summary>
    Queued,

    /// <summary>Added, and the caller now owns the mailbox: it must run <see cref="OwnedMailbox{T}.TakeOwned"/> until null.</summary>
    Owned,
}

/// <summary>
/// A mailbox run by one owner at a time: any thread adds, and the owner takes everything waiting at once and runs it.
/// The owner is usually the reader thread (an actor host's actor thread, the admin's loop thread), which waits on a
/// monitor (a kernel wait woken directly by the writer), never on a task, so handing an item over costs no thread-pool
/// hop. A writer that may run the items itself (a connection's receiving thread) takes ownership instead when nobody
/// owns it, sparing the reader's wake-up: it then runs what is waiting (<see cref="TakeOwned"/>) until the mailbox is
/// empty. Ownership is given up only under the lock and only with the mailbox empty, so no item is left waiting
/// without an owner or a woken reader.
/// </summary>
/// <typeparam name="T">What the mailbox holds.</typeparam>
internal sealed class OwnedMailbox<T>
{
    private readonly object _gate = new();
    private Queue<T> _items = new();
    private Queue<T> _spare = new();
    private bool _readerWaiting;
    private bool _completed;
    private bool _owned;
    private bool _readerOwns;

    /// <summary>How many items wait, not yet taken to be run.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds an item; false once the mailbox has been completed (its process is exiting).</summary>
    public bool TryWrite(T item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _items.Enqueue(item);
            if (!_owned && _readerWaiting)
            {
                _readerWaiting = false;
                Monitor.Pulse(_gate);
            }
        }

        return true;
    }

    /// <summary>Adds an item and, when nobody owns the mailbox, makes the caller its owner (the reader thread is not woken).</summary>
    public MailboxWrite TryWriteOrOwn(T item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return MailboxWrite.Refused;
            }

            _items.Enqueue(item);
            if (_owned)
            {
                return MailboxWrite.Queued;
            }

            _owned = true;
            return MailboxWrite.Owned;
        }
    }

    /// <summary>
    /// Adds an item and, when nobody owns the mailbox, runs it on this thread with whatever else arrives meanwhile, batch
    /// by batch (<paramref name="run"/>), until the mailbox is empty. When <paramref name="run"/> throws, what is left
    /// goes to the reader thread and the exception propagates. An item refused (the mailbox was completed) is dropped.
    /// </summary>
    public void WriteAndRunIfIdle<TState>(T item, TState state, Action<Queue<T>, TState> run)
    {
        if (TryWriteOrOwn(item) != MailboxWrite.Owned)
        {
            return;
        }

        Queue<T>? items = null;
        try
        {
            while ((items = TakeOwned()) is not null)
            {
                run(items, state);
            }
        }
        catch
        {
            ReleaseOwned(items);
            throw;
        }
    }

    /// <summary>
    /// For an owner that got ownership from <see cref="TryWriteOrOwn"/>: everything waiting, in order (the queue is the
    /// caller's until its next call), or null — ownership given up — once the mailbox is empty.
    /// </summary>
    public Queue<T>? TakeOwned()
    {
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                _owned = false;
                if (_completed && _readerWaiting)
                {
                    // The reader thread waits for the owner to finish before it leaves.
                    _readerWaiting = false;
                    Monitor.Pulse(_gate);
                }

                return null;
            }

            return SwapLocked();
        }
    }

    /// <summary>
    /// For an owner that got ownership from <see cref="TryWriteOrOwn"/> and stops early (a fault escaped): gives it up,
    /// waking the reader thread to run whatever is waiting — first what is left in <paramref name="unrun"/> (the items
    /// the owner took last and did not run), then what arrived since.
    /// </summary>
    public void ReleaseOwned(Queue<T>? unrun = null)
    {
        lock (_gate)
        {
            if (unrun is { Count: > 0 })
            {
                var rest = new Queue<T>(unrun.Count + _items.Count);
                foreach (var item in unrun)
                {
                    rest.Enqueue(item);
                }

                foreach (var item in _items)
                {
                    rest.Enqueue(item);
                }

                unrun.Clear();
                _items = rest;
            }

            _owned = false;
            if (_readerWaiting)
            {
                _readerWaiting = false;
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>No more items are accepted; the reader takes what is left, then <see cref="TakeAll"/> returns null.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// The reader thread: gives up the ownership its previous call took, waits until items are there and nobody else owns
    /// the mailbox, then owns it and returns all the items, in order (the queue is the caller's until its next call), or
    /// null once completed, empty and not owned. One reader only.
    /// </summary>
    public Queue<T>? TakeAll()
    {
        lock (_gate)
        {
            if (_readerOwns)
            {
                _readerOwns = false;
                _owned = false;
            }

            while (_items.Count == 0 || _owned)
            {
                if (_completed && _items.Count == 0 && !_owned)
                {
                    return null;
                }

                _readerWaiting = true;
                Monitor.Wait(_gate);
            }

            _readerWaiting = false;
            _owned = true;
            _readerOwns = true;
            return SwapLocked();
        }
    }

    private Queue<T> SwapLocked()
    {
        var taken = _items;
        _spare.Clear();
        _items = _spare;
        _spare = taken;
        return taken;
    }
}
