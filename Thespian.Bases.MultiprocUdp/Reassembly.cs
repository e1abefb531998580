using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>Where a session's reassembly stands: whether an envelope is being put together, how long it is, how much has come.</summary>
/// <param name="InProgress">Whether fragments of an envelope are being put together.</param>
/// <param name="Total">The envelope's length.</param>
/// <param name="Filled">How many of its bytes have come.</param>
internal readonly record struct ReassemblyCursor(bool InProgress, int Total, int Filled);

/// <summary>
/// One session's envelope too large for a datagram, put together from its fragments. Datagrams are processed in order,
/// so fragments come in order: each must continue exactly where the last one ended, with the same total, and no whole
/// envelope may come between them — an overlapping, missing or foreign fragment is a protocol violation, never patched
/// over. The envelope's memory is reserved from a budget the transport's sessions share when its first fragment comes
/// (refused: the datagram waits, unacknowledged, and its sender sends it again later) and handed to the envelope when
/// the last one has come. Used by the receiving thread only.
/// </summary>
internal sealed class Reassembly
{
    private readonly MemoryBudget _budget;
    private byte[]? _buffer;
    private int _filled;
    private int _reserved;

    /// <param name="budget">The memory every session's reassembly shares.</param>
    public Reassembly(MemoryBudget budget)
    {
        _budget = budget;
    }

    /// <summary>Where this reassembly stands.</summary>
    public ReassemblyCursor Cursor => _buffer is null ? default : new ReassemblyCursor(true, _buffer.Length, _filled);

    /// <summary>
    /// Follows <paramref name="chunk"/> from <paramref name="cursor"/> without touching anything: where the reassembly
    /// would stand after it, and whether the chunk starts an envelope of several fragments (which needs memory) or ends
    /// one (whole, or the last fragment).
    /// </summary>
    /// <exception cref="WireProtocolException">The chunk cannot follow: too large, out of place, overlapping, or foreign.</exception>
    public static ReassemblyCursor Follow(ReassemblyCursor cursor, in DataChunk chunk, int maxMessageBytes, out bool starts)
    {
        starts = false;
        if (chunk.Total > maxMessageBytes)
        {
            throw new WireProtocolException(WireViolation.FrameTooLarge,
                $"An envelope of {chunk.Total} bytes exceeds the maximum of {maxMessageBytes} bytes; raise the capability " +
                $"\"{WireProtocol.MaxMessageSizeCapability}\" if messages this large are intended.");
        }

        if (chunk.Kind == ChunkKind.Whole)
        {
            return cursor.InProgress
                ? throw Violation($"A whole envelope came in the middle of one of {cursor.Total} bytes ({cursor.Filled} come).")
                : cursor;
        }

        if (chunk.Offset == 0)
        {
            if (cursor.InProgress)
            {
                throw Violation($"A new fragmented envelope started in the middle of one of {cursor.Total} bytes ({cursor.Filled} come).");
            }

            starts = chunk.Length < chunk.Total;
            return starts ? new ReassemblyCursor(true, chunk.Total, chunk.Length) : default;
        }

        if (!cursor.InProgress)
        {
            throw Violation($"A fragment at offset {chunk.Offset} came with no envelope being put together.");
        }

        if (chunk.Total != cursor.Total || chunk.Offset != cursor.Filled)
        {
            throw Violation(
                $"A fragment of {chunk.Length} bytes at offset {chunk.Offset} of {chunk.Total} does not continue the envelope of " +
                $"{cursor.Total} bytes at {cursor.Filled} (overlapping, missing or foreign).");
        }

        var filled = cursor.Filled + chunk.Length;
        return filled == cursor.Total ? default : cursor with { Filled = filled };
    }

    /// <summary>
    /// Reserves the memory of an envelope of <paramref name="total"/> bytes whose first fragment is in the datagram about
    /// to be processed (the envelope before it may still be finishing in the same datagram); false when the budget has
    /// no room.
    /// </summary>
    /// <exception cref="InvalidOperationException">Memory is reserved already.</exception>
    public bool TryReserve(int total)
    {
        if (_reserved != 0)
        {
            throw new InvalidOperationException("Memory for the next envelope is reserved already.");
        }

        if (!_budget.TryReserve(total))
        {
            return false;
        }

        _reserved = total;
        return true;
    }

    /// <summary>
    /// Adds a fragment that <see cref="Follow"/> accepted (a first one takes the memory <see cref="TryReserve"/> set
    /// aside); returns the whole envelope when it was the last one.
    /// </summary>
    public byte[]? Append(in DataChunk fragment, ReadOnlySpan<byte> bytes)
    {
        if (fragment.Offset == 0)
        {
            if (_buffer is not null || _reserved != fragment.Total)
            {
                throw new InvalidOperationException("A fragmented envelope started without its memory reserved.");
            }

            _buffer = GC.AllocateUninitializedArray<byte>(fragment.Total);
            _reserved = 0;
            _filled = 0;
        }

        var buffer = _buffer ?? throw new InvalidOperationException("No envelope is being put together.");
        bytes.CopyTo(buffer.AsSpan(_filled));
        _filled += bytes.Length;
        if (_filled < buffer.Length)
        {
            return null;
        }

        _budget.Release(buffer.Length);
        _buffer = null;
        _filled = 0;
        return buffer;
    }

    /// <summary>Drops what was being put together or reserved (the session ended) and gives its memory back.</summary>
    public void Clear()
    {
        if (_buffer is { } buffer)
        {
            _budget.Release(buffer.Length);
            _buffer = null;
            _filled = 0;
        }

        if (_reserved != 0)
        {
            _budget.Release(_reserved);
            _reserved = 0;
        }
    }

    private static WireProtocolException Violation(string message) => new(WireViolation.Truncated, message);
}
