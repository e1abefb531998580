using System.Buffers;
using System.Numerics;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// The datagrams of one session that are sent and not yet acknowledged, by sequence number: at most a number of
/// datagrams and (unless only one is in flight) of bytes. Acknowledgements release them — cumulative ones and selective
/// ranges alike — and give round-trip samples from datagrams sent only once (Karn's rule). A datagram is taken for lost
/// when one sent after it (by more than a reordering allowance) has been acknowledged, or when its timeout expires.
/// The window owns the datagrams' buffers (rented from <see cref="ArrayPool{T}.Shared"/>) and returns them when they are
/// acknowledged or cleared. Not thread-safe: its session's lock guards it. Times are <see cref="System.Diagnostics.Stopwatch"/> ticks.
/// </summary>
internal sealed class SendWindow
{
    /// <summary>A window starts this small and grows (doubling) as more datagrams are in flight: idle sessions cost little.</summary>
    private const int InitialEntries = 32;

    private readonly int _maxDatagrams;
    private readonly long _maxBytes;
    private Entry[] _entries;
    private ulong _mask;
    private ulong _base = 1;
    private ulong _next = 1;
    private ulong _highestAcknowledged;
    private long _newestAcknowledgedSentAt;
    private long _bytes;
    private int _unacknowledged;

    /// <param name="maxDatagrams">The most datagrams in flight (rounded up to a power of two).</param>
    /// <param name="maxBytes">The most bytes in flight (one datagram may always be).</param>
    public SendWindow(int maxDatagrams, long maxBytes)
    {
        _maxDatagrams = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(maxDatagrams, 2));
        _entries = new Entry[Math.Min(InitialEntries, _maxDatagrams)];
        _mask = (ulong)_entries.Length - 1;
        _maxBytes = maxBytes;
    }

    /// <summary>The sequence number the next datagram gets.</summary>
    public ulong NextSequence => _next;

    /// <summary>The most datagrams in flight.</summary>
    public int Capacity => _maxDatagrams;

    /// <summary>How many datagrams are sent and not acknowledged.</summary>
    public int InFlight => _unacknowledged;

    /// <summary>How many bytes are sent and not acknowledged.</summary>
    public long InFlightBytes => _bytes;

    /// <summary>Whether a datagram of <paramref name="length"/> bytes may be sent now.</summary>
    public bool HasRoom(int length) =>
        _next - _base < (ulong)_maxDatagrams && (_unacknowledged == 0 || _bytes + length <= _maxBytes);

    /// <summary>Takes a sent datagram into the window (it keeps <paramref name="buffer"/> until acknowledged); returns its number.</summary>
    /// <exception cref="InvalidOperationException">The window is full (<see cref="HasRoom"/> said so).</exception>
    public ulong Add(byte[] buffer, int length, long now)
    {
        if (_next - _base >= (ulong)_maxDatagrams)
        {
            throw new InvalidOperationException("The send window is full.");
        }

        if (_next - _base >= (ulong)_entries.Length)
        {
            Grow();
        }

        var sequence = _next++;
        ref var entry = ref _entries[sequence & _mask];
        entry = new Entry { Buffer = buffer, Length = length, FirstSent = now, LastSent = now, Transmissions = 1 };
        _bytes += length;
        _unacknowledged++;
        return sequence;
    }

    /// <summary>
    /// Applies an acknowledgement: everything up to <paramref name="cumulative"/> and within <paramref name="ranges"/> is
    /// released (numbers never sent are ignored: a forged or confused peer cannot release what is not there).
    /// </summary>
    /// <returns>How many datagrams were released, and a round-trip sample when one of them was sent only once.</returns>
    public AckOutcome Acknowledge(ulong cumulative, ReadOnlySpan<SackRange> ranges, long now)
    {
        var released = 0;
        long sampleTicks = -1;
        var lastSent = _next - 1;
        var upTo = Math.Min(cumulative, lastSent);
        for (var sequence = _base; sequence <= upTo; sequence++)
        {
            Release(sequence, now, ref released, ref sampleTicks);
        }

        if (upTo >= _base)
        {
            _base = upTo + 1;
        }

        foreach (var range in ranges)
        {
            var first = Math.Max(range.First, _base);
            var last = Math.Min(range.Last, lastSent);
            for (var sequence = first; sequence <= last; sequence++)
            {
                Release(sequence, now, ref released, ref sampleTicks);
            }
        }

        while (_base < _next && _entries[_base & _mask].Buffer is null)
        {
            _base++;
        }

        return new AckOutcome(released, sampleTicks);
    }

    /// <summary>
    /// Adds to <paramref name="lost"/> the datagrams taken for lost: not acknowledged, and either sent once with at least
    /// <paramref name="threshold"/> later datagrams acknowledged, or last sent more than <paramref name="reorderTicks"/>
    /// before a datagram that has been acknowledged (so a datagram sent again is taken for lost again only when a
    /// datagram sent after it is acknowledged, not at every acknowledgement).
    /// </summary>
    public void CollectLost(long reorderTicks, int threshold, List<ulong> lost)
    {
        if (_highestAcknowledged < _base)
        {
            return;
        }

        var before = _newestAcknowledgedSentAt - reorderTicks;
        for (var sequence = _base; sequence < _highestAcknowledged; sequence++)
        {
            ref var entry = ref _entries[sequence & _mask];
            if (entry.Buffer is not null &&
                ((entry.Transmissions == 1 && _highestAcknowledged - sequence >= (ulong)threshold) || entry.LastSent < before))
            {
                lost.Add(sequence);
            }
        }
    }

    /// <summary>Adds to <paramref name="expired"/> the datagrams last sent <paramref name="timeoutTicks"/> or more ago (oldest first, at most <paramref name="limit"/>).</summary>
    public void CollectExpired(long now, long timeoutTicks, int limit, List<ulong> expired)
    {
        for (var sequence = _base; sequence < _next && expired.Count < limit; sequence++)
        {
            ref var entry = ref _entries[sequence & _mask];
            if (entry.Buffer is not null && now - entry.LastSent >= timeoutTicks)
            {
                expired.Add(sequence);
            }
        }
    }

    /// <summary>The datagram numbered <paramref name="sequence"/>, marked as sent again now (null when it is no longer in flight).</summary>
    public ArraySegment<byte>? Resend(ulong sequence, long now)
    {
        if (sequence < _base || sequence >= _next)
        {
            return null;
        }

        ref var entry = ref _entries[sequence & _mask];
        if (entry.Buffer is null)
        {
            return null;
        }

        entry.LastSent = now;
        entry.Transmissions++;
        return new ArraySegment<byte>(entry.Buffer, 0, entry.Length);
    }

    /// <summary>Returns every buffer and forgets every datagram (the session ended).</summary>
    public void Clear()
    {
        for (var sequence = _base; sequence < _next; sequence++)
        {
            ref var entry = ref _entries[sequence & _mask];
            if (entry.Buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(entry.Buffer);
            }

            entry = default;
        }

        _base = _next;
        _bytes = 0;
        _unacknowledged = 0;
    }

    private void Grow()
    {
        var entries = new Entry[Math.Min(_entries.Length * 2, _maxDatagrams)];
        var mask = (ulong)entries.Length - 1;
        for (var sequence = _base; sequence < _next; sequence++)
        {
            entries[sequence & mask] = _entries[sequence & _mask];
        }

        _entries = entries;
        _mask = mask;
    }

    private void Release(ulong sequence, long now, ref int released, ref long sampleTicks)
    {
        ref var entry = ref _entries[sequence & _mask];
        if (entry.Buffer is null)
        {
            return;
        }

        if (entry.Transmissions == 1)
        {
            sampleTicks = now - entry.FirstSent;
        }

        if (sequence > _highestAcknowledged)
        {
            _highestAcknowledged = sequence;
        }

        _newestAcknowledgedSentAt = Math.Max(_newestAcknowledgedSentAt, entry.LastSent);
        ArrayPool<byte>.Shared.Return(entry.Buffer);
        _bytes -= entry.Length;
        _unacknowledged--;
        entry = default;
        released++;
    }

    private struct Entry
    {
        public byte[]? Buffer;
        public int Length;
        public long FirstSent;
        public long LastSent;
        public int Transmissions;
    }
}

/// <summary>What an acknowledgement did to a <see cref="SendWindow"/>.</summary>
/// <param name="Released">How many datagrams it released.</param>
/// <param name="RoundTripTicks">A round-trip sample in stopwatch ticks, or −1 when none of them was sent only once.</param>
internal readonly record struct AckOutcome(int Released, long RoundTripTicks);
