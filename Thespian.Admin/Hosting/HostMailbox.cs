namespace Thespian.Admin.Hosting;

/// <summary>
/// The actor thread's mailbox: any thread adds, the one actor thread takes everything waiting at once. The
/// actor thread waits on a monitor (a kernel wait woken directly by the writer), never on a task, so handing
/// an item over costs no thread-pool hop.
/// </summary>
internal sealed class HostMailbox
{
    private readonly object _gate = new();
    private Queue<MailItem> _items = new();
    private Queue<MailItem> _spare = new();
    private bool _readerWaiting;
    private bool _completed;

    /// <summary>Adds an item; false once the mailbox has been completed (the host is exiting).</summary>
    public bool TryWrite(MailItem item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return false;
            }

            _items.Enqueue(item);
            if (_readerWaiting)
            {
                _readerWaiting = false;
                Monitor.Pulse(_gate);
            }
        }

        return true;
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
    /// Waits until items are there and returns them all, in order (the queue is the caller's until its next
    /// call), or null once completed and empty. One reader only.
    /// </summary>
    public Queue<MailItem>? TakeAll()
    {
        lock (_gate)
        {
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    return null;
                }

                _readerWaiting = true;
                Monitor.Wait(_gate);
            }

            var taken = _items;
            _spare.Clear();
            _items = _spare;
            _spare = taken;
            return taken;
        }
    }
}
