namespace Thespian.Bases.Simple;

/// <summary>One message on its way: target, message, sender, and the trace context it was sent in (if any).</summary>
internal readonly record struct Delivery(ActorAddress Target, object Message, ActorAddress Sender, string? TraceContext = null);

/// <summary>
/// The simple base's FIFO of deliveries: a growable ring buffer of structs, so queueing a message
/// allocates nothing and costs O(1) however many are queued.
/// </summary>
internal sealed class DeliveryQueue
{
    private const int InitialCapacity = 64;
    private const int TrimAbove = 64 * 1024;
    private const long QuietMilliseconds = 1000;

    private Delivery[] _items = new Delivery[InitialCapacity];
    private int _head;
    private int _count;
    private long _largeAndEmptySince;

    /// <summary>How many deliveries are queued.</summary>
    public int Count => _count;

    /// <summary>Adds a delivery at the tail.</summary>
    public void Enqueue(in Delivery delivery)
    {
        if (_count == _items.Length)
        {
            Grow();
        }

        var tail = _head + _count;
        if (tail >= _items.Length)
        {
            tail -= _items.Length;
        }

        _items[tail] = delivery;
        _count++;
    }

    /// <summary>Takes the delivery at the head, if any.</summary>
    public bool TryDequeue(out Delivery delivery)
    {
        if (_count == 0)
        {
            delivery = default;
            return false;
        }

        delivery = _items[_head];
        _items[_head] = default;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        _count--;
        return true;
    }

    /// <summary>
    /// Gives back the memory of a large burst once the queue has been found empty, at rest, for a second:
    /// back-to-back bursts keep their capacity (regrowing it each time would cost more than it saves).
    /// </summary>
    public void TrimIfQuiet()
    {
        if (_count != 0 || _items.Length <= TrimAbove)
        {
            _largeAndEmptySince = 0;
            return;
        }

        var now = Environment.TickCount64;
        if (_largeAndEmptySince == 0)
        {
            _largeAndEmptySince = now;
        }
        else if (now - _largeAndEmptySince >= QuietMilliseconds)
        {
            _items = new Delivery[InitialCapacity];
            _head = 0;
            _largeAndEmptySince = 0;
        }
    }

    /// <summary>Drops everything queued.</summary>
    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        _count = 0;
    }

    private void Grow()
    {
        var larger = new Delivery[_items.Length * 2];
        var firstPart = Math.Min(_count, _items.Length - _head);
        Array.Copy(_items, _head, larger, 0, firstPart);
        Array.Copy(_items, 0, larger, firstPart, _count - firstPart);
        _items = larger;
        _head = 0;
    }
}
