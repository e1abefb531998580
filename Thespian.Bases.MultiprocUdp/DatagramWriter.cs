using System.Buffers;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Lets an envelope write itself (<see cref="Wire.Envelope.WriteTo"/>) straight into a datagram being packed. The caller
/// has checked that what is written fits; a write past the end is a bug and throws.
/// </summary>
internal sealed class DatagramWriter : IBufferWriter<byte>
{
    private byte[] _buffer = [];

    /// <summary>Where the next byte goes.</summary>
    public int Position { get; set; }

    /// <summary>Writes into <paramref name="buffer"/> from <paramref name="position"/>.</summary>
    public void Reset(byte[] buffer, int position)
    {
        _buffer = buffer;
        Position = position;
    }

    /// <inheritdoc />
    public void Advance(int count) => Position += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint) ? _buffer.AsMemory(Position) : throw Overflow(sizeHint);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint) ? _buffer.AsSpan(Position) : throw Overflow(sizeHint);

    private bool Room(int sizeHint) => _buffer.Length - Position >= Math.Max(sizeHint, 1);

    private InvalidOperationException Overflow(int sizeHint) =>
        new($"A datagram of {_buffer.Length} bytes has no room for {sizeHint} more at {Position}.");
}
