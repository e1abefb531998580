using System.Buffers;
using System.Numerics;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>What <see cref="ReceiveWindow.Offer"/> made of a datagram.</summary>
internal enum OfferResult
{
    /// <summary>The next datagram in order: process it now, then <see cref="ReceiveWindow.Advance"/>.</summary>
    InOrder,

    /// <summary>Ahead of a gap: kept until the gap fills.</summary>
    Buffered,

    /// <summary>Already taken (processed, or kept): drop it, but acknowledge again (the first acknowledgement may be lost).</summary>
    Duplicate,

    /// <summary>Too far ahead of the next datagram expected: dropped, not acknowledged (the sender sends it again later).</summary>
    OutOfWindow,

    /// <summary>No memory left to keep it out of order: dropped, not acknowledged (the sender sends it again later).</summary>
    NoRoom,
}

/// <summary>
/// One session's incoming datagrams put back in order: the next one expected is processed at once; those ahead of a gap
/// are kept (a bounded number, within a byte budget of their own and one the transport shares) until the gap fills;
/// what was taken already is recognised as a duplicate. It says what arrived beyond the gap (the selective
/// acknowledgement's ranges). Used by the receiving thread only. Sequence numbers start at 1.
/// </summary>
internal sealed class ReceiveWindow
{
    /// <summary>A window starts this small and grows (doubling) as datagrams are kept further ahead: idle sessions cost little.</summary>
    private const int InitialSlots = 32;

    private readonly int _maxAhead;
    private Slot[] _slots;
    private ulong _mask;
    private readonly long _maxBufferedBytes;
    private readonly MemoryBudget _shared;
    private ulong _cumulative;
    private ulong _highestBuffered;
    private long _bufferedBytes;

    /// <param name="maxAhead">How far beyond the next datagram expected one may be kept (rounded up to a power of two).</param>
    /// <param name="maxBufferedBytes">The most bytes this window keeps out of order.</param>
    /// <param name="shared">The budget every session's out-of-order datagrams share.</param>
    public ReceiveWindow(int maxAhead, long maxBufferedBytes, MemoryBudget shared)
    {
        _maxAhead = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(maxAhead, 2));
        _slots = new Slot[Math.Min(InitialSlots, _maxAhead)];
        _mask = (ulong)_slots.Length - 1;
        _maxBufferedBytes = maxBufferedBytes;
        _shared = shared;
    }

    /// <summary>Every datagram up to this number has been processed (0: none yet).</summary>
    public ulong Cumulative => _cumulative;

    /// <summary>How many bytes are kept out of order.</summary>
    public long BufferedBytes => _bufferedBytes;

    /// <summary>Whether datagrams beyond a gap are kept.</summary>
    public bool HasGap => _highestBuffered > _cumulative;

    /// <summary>Decides what to do with datagram <paramref name="sequence"/> (kept as a copy when it is out of order).</summary>
    public OfferResult Offer(ulong sequence, ReadOnlySpan<byte> datagram)
    {
        if (sequence <= _cumulative)
        {
            return OfferResult.Duplicate;
        }

        if (sequence == _cumulative + 1)
        {
            return OfferResult.InOrder;
        }

        if (sequence - _cumulative > (ulong)_maxAhead)
        {
            return OfferResult.OutOfWindow;
        }

        while (sequence - _cumulative > (ulong)_slots.Length)
        {
            Grow();
        }

        ref var slot = ref _slots[sequence & _mask];
        if (slot.Buffer is not null)
        {
            return OfferResult.Duplicate;
        }

        if (_bufferedBytes + datagram.Length > _maxBufferedBytes || !_shared.TryReserve(datagram.Length))
        {
            return OfferResult.NoRoom;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(datagram.Length);
        datagram.CopyTo(buffer);
        slot = new Slot(buffer, datagram.Length);
        _bufferedBytes += datagram.Length;
        _highestBuffered = Math.Max(_highestBuffered, sequence);
        return OfferResult.Buffered;
    }

    /// <summary>The datagram after <see cref="Cumulative"/>, when it is kept; process it, then <see cref="Advance"/>.</summary>
    public bool TryPeekBuffered(out ArraySegment<byte> datagram)
    {
        var slot = _slots[(_cumulative + 1) & _mask];
        if (_cumulative < _highestBuffered && slot.Buffer is not null)
        {
            datagram = new ArraySegment<byte>(slot.Buffer, 0, slot.Length);
            return true;
        }

        datagram = default;
        return false;
    }

    /// <summary>
    /// The datagram after <see cref="Cumulative"/> was processed (it came in order, or was kept): a kept copy is given back.
    /// </summary>
    public void Advance()
    {
        ref var slot = ref _slots[(_cumulative + 1) & _mask];
        if (slot.Buffer is not null)
        {
            Free(ref slot);
        }

        _cumulative++;
    }

    /// <summary>Writes the ranges of datagrams kept beyond the gap (at most <paramref name="ranges"/>' length); returns how many.</summary>
    public int CopySackRanges(Span<SackRange> ranges)
    {
        var count = 0;
        ulong first = 0;
        for (var sequence = _cumulative + 2; sequence <= _highestBuffered && count < ranges.Length; sequence++)
        {
            var kept = _slots[sequence & _mask].Buffer is not null;
            if (kept && first == 0)
            {
                first = sequence;
            }
            else if (!kept && first != 0)
            {
                ranges[count++] = new SackRange(first, sequence - 1);
                first = 0;
            }
        }

        if (first != 0 && count < ranges.Length)
        {
            ranges[count++] = new SackRange(first, _highestBuffered);
        }

        return count;
    }

    /// <summary>Gives back every kept datagram (the session ended).</summary>
    public void Clear()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].Buffer is not null)
            {
                Free(ref _slots[i]);
            }
        }

        _highestBuffered = _cumulative;
    }

    private void Grow()
    {
        var slots = new Slot[_slots.Length * 2];
        var mask = (ulong)slots.Length - 1;
        for (var sequence = _cumulative + 1; sequence <= _highestBuffered; sequence++)
        {
            slots[sequence & mask] = _slots[sequence & _mask];
        }

        _slots = slots;
        _mask = mask;
    }

    private void Free(ref Slot slot)
    {
        ArrayPool<byte>.Shared.Return(slot.Buffer!);
        _bufferedBytes -= slot.Length;
        _shared.Release(slot.Length);
        slot = default;
    }

    private readonly record struct Slot(byte[]? Buffer, int Length);
}
