namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// A bound on memory that every session of a transport draws on (datagrams held out of order, envelopes being
/// reassembled): a reservation beyond the limit is refused, so a flood of datagrams — from many peers at once — cannot
/// grow memory without end. Thread-safe.
/// </summary>
internal sealed class MemoryBudget
{
    private long _used;

    /// <param name="limit">The most bytes reserved at once.</param>
    public MemoryBudget(long limit)
    {
        Limit = limit;
    }

    /// <summary>The most bytes reserved at once.</summary>
    public long Limit { get; set; }

    /// <summary>How many bytes are reserved now.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>Reserves <paramref name="bytes"/>; false (nothing reserved) when that would pass the limit.</summary>
    public bool TryReserve(long bytes)
    {
        while (true)
        {
            var used = Volatile.Read(ref _used);
            if (used + bytes > Limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, used + bytes, used) == used)
            {
                return true;
            }
        }
    }

    /// <summary>Gives back a reservation.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
