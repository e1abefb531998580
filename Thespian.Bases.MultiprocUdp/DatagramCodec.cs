using System.Buffers.Binary;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// The datagrams of the UDP transport, written and read without sockets (so they are tested alone). Every datagram opens
/// with a 12-byte header: <c>'T' 'U' version(1) type(1) session(8, little-endian)</c> — the session is the sender's
/// random id for one session towards one receiver, echoed in everything the receiver answers. After it, by type:
/// <list type="bullet">
/// <item><c>Hello</c>: the Thespian handshake greeting (<c>"THSP" version role 0</c>, see <see cref="Handshake"/>).</item>
/// <item><c>Answer</c>: the handshake answer (<c>"THSP" version status 0</c>), then the receiver's window (uint32).</item>
/// <item><c>Data</c>: the sequence number (8); an acknowledgement riding along for the session the receiver has towards
/// the sender — its session id (8, 0: none), cumulative(8) done(8) limit(8); then chunks: <c>1 length(4) envelope</c>
/// for a whole envelope, <c>2 total(4) offset(4) length(4) bytes</c> for a fragment of one.</item>
/// <item><c>Ack</c>, <c>Closing</c>: cumulative(8) done(8) limit(8) count(1), then that many ranges of datagrams that
/// arrived beyond the cumulative one, each <c>first − cumulative (4) length(4)</c>.</item>
/// <item><c>Reset</c>: the reason (1). <c>Ping</c>, <c>Liveness</c>, <c>Bye</c>, <c>ClosingSeen</c>: nothing.</item>
/// </list>
/// Integers are little-endian. A reader never trusts a length: whatever does not fit is a violation.
/// </summary>
internal static class DatagramCodec
{
    /// <summary>The version of this datagram format.</summary>
    public const byte Version = 1;

    /// <summary>The header every datagram opens with.</summary>
    public const int HeaderLength = 12;

    /// <summary>The header of a data datagram (the common header, the sequence number and the acknowledgement riding along).</summary>
    public const int DataHeaderLength = HeaderLength + 8 + 8 + 24;

    /// <summary>A hello's length.</summary>
    public const int HelloLength = HeaderLength + WireProtocol.HandshakeLength;

    /// <summary>An answer's length.</summary>
    public const int AnswerLength = HelloLength + 4;

    /// <summary>The most ranges of datagrams beyond the cumulative one that an acknowledgement carries.</summary>
    public const int MaxSackRanges = 16;

    /// <summary>An acknowledgement without ranges.</summary>
    public const int AckFixedLength = HeaderLength + 8 + 8 + 8 + 1;

    /// <summary>The longest acknowledgement.</summary>
    public const int MaxAckLength = AckFixedLength + (MaxSackRanges * 8);

    /// <summary>What a whole envelope's chunk adds to the envelope.</summary>
    public const int WholeChunkOverhead = 1 + 4;

    /// <summary>What a fragment's chunk adds to its bytes.</summary>
    public const int FragmentChunkOverhead = 1 + 4 + 4 + 4;

    /// <summary>The largest UDP payload (IPv4).</summary>
    public const int MaxDatagramBytes = 65_507;

    private const byte MagicT = (byte)'T';
    private const byte MagicU = (byte)'U';

    /// <summary>Writes the common header.</summary>
    public static int WriteHeader(Span<byte> destination, DatagramType type, ulong session)
    {
        destination[0] = MagicT;
        destination[1] = MagicU;
        destination[2] = Version;
        destination[3] = (byte)type;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[4..], session);
        return HeaderLength;
    }

    /// <summary>Reads the common header: what the datagram is, or why it is not one of ours.</summary>
    public static HeaderStatus ReadHeader(ReadOnlySpan<byte> datagram, out DatagramType type, out ulong session)
    {
        type = 0;
        session = 0;
        if (datagram.Length < HeaderLength || datagram[0] != MagicT || datagram[1] != MagicU)
        {
            return HeaderStatus.NotThespian;
        }

        type = (DatagramType)datagram[3];
        session = BinaryPrimitives.ReadUInt64LittleEndian(datagram[4..]);
        if (datagram[2] != Version)
        {
            return HeaderStatus.OtherVersion;
        }

        return Enum.IsDefined(type) ? HeaderStatus.Valid : HeaderStatus.NotThespian;
    }

    /// <summary>Writes a hello: the header and the handshake greeting for <paramref name="role"/>.</summary>
    public static int WriteHello(Span<byte> destination, ulong session, WireRole role)
    {
        WriteHeader(destination, DatagramType.Hello, session);
        Handshake.WriteHello(destination[HeaderLength..], role);
        return HelloLength;
    }

    /// <summary>Reads a hello's role.</summary>
    /// <exception cref="WireProtocolException">Not a Thespian greeting, another protocol version, or an unknown role.</exception>
    public static WireRole ReadHello(ReadOnlySpan<byte> datagram) => datagram.Length < HelloLength
        ? throw new WireProtocolException(WireViolation.BadHandshake, $"A hello of {datagram.Length} bytes is too short.")
        : Handshake.ReadHello(datagram.Slice(HeaderLength, WireProtocol.HandshakeLength));

    /// <summary>Writes an answer to a hello.</summary>
    public static int WriteAnswer(Span<byte> destination, ulong session, HandshakeStatus status, uint window)
    {
        WriteHeader(destination, DatagramType.Answer, session);
        Handshake.WriteReply(destination[HeaderLength..], status);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[HelloLength..], window);
        return AnswerLength;
    }

    /// <summary>Reads an answer: the handshake status and the receiver's window.</summary>
    /// <exception cref="WireProtocolException">Not a Thespian answer, or another protocol version.</exception>
    public static (HandshakeStatus Status, uint Window) ReadAnswer(ReadOnlySpan<byte> datagram) => datagram.Length < AnswerLength
        ? throw new WireProtocolException(WireViolation.BadHandshake, $"An answer of {datagram.Length} bytes is too short.")
        : (Handshake.ReadReply(datagram.Slice(HeaderLength, WireProtocol.HandshakeLength)),
           BinaryPrimitives.ReadUInt32LittleEndian(datagram[HelloLength..]));

    /// <summary>
    /// Writes a data datagram's header, with an acknowledgement for the receiver's own session towards this sender riding
    /// along (<paramref name="ackSession"/> 0: none); the chunks follow from <see cref="DataHeaderLength"/>.
    /// </summary>
    public static int WriteDataHeader(Span<byte> destination, ulong session, ulong sequence, ulong ackSession, in AckInfo ack)
    {
        WriteHeader(destination, DatagramType.Data, session);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[HeaderLength..], sequence);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(HeaderLength + 8)..], ackSession);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(HeaderLength + 16)..], ack.Cumulative);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(HeaderLength + 24)..], ack.Done);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(HeaderLength + 32)..], ack.Limit);
        return DataHeaderLength;
    }

    /// <summary>The acknowledgement riding along in a data datagram: its session id (0: none) and content.</summary>
    /// <exception cref="WireProtocolException">The datagram is too short to be one.</exception>
    public static ulong ReadPiggybackedAck(ReadOnlySpan<byte> datagram, out AckInfo ack)
    {
        if (datagram.Length < DataHeaderLength)
        {
            throw Malformed($"A data datagram of {datagram.Length} bytes is too short for its header.");
        }

        ack = new AckInfo(BinaryPrimitives.ReadUInt64LittleEndian(datagram[(HeaderLength + 16)..]),
                          BinaryPrimitives.ReadUInt64LittleEndian(datagram[(HeaderLength + 24)..]),
                          BinaryPrimitives.ReadUInt64LittleEndian(datagram[(HeaderLength + 32)..]));
        return BinaryPrimitives.ReadUInt64LittleEndian(datagram[(HeaderLength + 8)..]);
    }

    /// <summary>A data datagram's sequence number.</summary>
    /// <exception cref="WireProtocolException">The datagram is too short to be one.</exception>
    public static ulong ReadSequence(ReadOnlySpan<byte> datagram) => datagram.Length < DataHeaderLength
        ? throw Malformed($"A data datagram of {datagram.Length} bytes is too short for its header.")
        : BinaryPrimitives.ReadUInt64LittleEndian(datagram[HeaderLength..]);

    /// <summary>Writes the start of a whole envelope's chunk; the envelope's bytes follow.</summary>
    public static int WriteWholeChunkHeader(Span<byte> destination, int length)
    {
        destination[0] = (byte)ChunkKind.Whole;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], length);
        return WholeChunkOverhead;
    }

    /// <summary>Writes the start of a fragment's chunk; its bytes follow.</summary>
    public static int WriteFragmentChunkHeader(Span<byte> destination, int total, int offset, int length)
    {
        destination[0] = (byte)ChunkKind.Fragment;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], total);
        BinaryPrimitives.WriteInt32LittleEndian(destination[5..], offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[9..], length);
        return FragmentChunkOverhead;
    }

    /// <summary>
    /// Reads the chunk at <paramref name="position"/> of a data datagram and moves past it; false at the end.
    /// </summary>
    /// <exception cref="WireProtocolException">The chunk is of an unknown kind, or its lengths do not fit.</exception>
    public static bool TryReadChunk(ReadOnlySpan<byte> datagram, ref int position, out DataChunk chunk)
    {
        chunk = default;
        if (position >= datagram.Length)
        {
            return false;
        }

        var rest = datagram[position..];
        switch ((ChunkKind)rest[0])
        {
            case ChunkKind.Whole:
            {
                if (rest.Length < WholeChunkOverhead)
                {
                    throw Malformed("A datagram ends inside a chunk header.");
                }

                var length = BinaryPrimitives.ReadInt32LittleEndian(rest[1..]);
                if (length <= 0 || length > rest.Length - WholeChunkOverhead)
                {
                    throw Malformed($"An envelope chunk announces {length} bytes where {rest.Length - WholeChunkOverhead} remain in its datagram.");
                }

                chunk = new DataChunk(ChunkKind.Whole, position + WholeChunkOverhead, length, length, 0);
                position += WholeChunkOverhead + length;
                return true;
            }

            case ChunkKind.Fragment:
            {
                if (rest.Length < FragmentChunkOverhead)
                {
                    throw Malformed("A datagram ends inside a fragment header.");
                }

                var total = BinaryPrimitives.ReadInt32LittleEndian(rest[1..]);
                var offset = BinaryPrimitives.ReadInt32LittleEndian(rest[5..]);
                var length = BinaryPrimitives.ReadInt32LittleEndian(rest[9..]);
                if (length <= 0 || length > rest.Length - FragmentChunkOverhead)
                {
                    throw Malformed($"A fragment announces {length} bytes where {rest.Length - FragmentChunkOverhead} remain in its datagram.");
                }

                if (total <= 0 || offset < 0 || (long)offset + length > total)
                {
                    throw Malformed($"A fragment of {length} bytes at offset {offset} does not fit in an envelope of {total} bytes.");
                }

                chunk = new DataChunk(ChunkKind.Fragment, position + FragmentChunkOverhead, length, total, offset);
                position += FragmentChunkOverhead + length;
                return true;
            }

            default:
                throw Malformed($"A datagram holds a chunk of unknown kind {rest[0]}.");
        }
    }

    /// <summary>
    /// Writes an acknowledgement (<see cref="DatagramType.Ack"/> or <see cref="DatagramType.Closing"/>) with up to
    /// <see cref="MaxSackRanges"/> ranges.
    /// </summary>
    public static int WriteAck(Span<byte> destination, DatagramType type, ulong session, in AckInfo ack, ReadOnlySpan<SackRange> ranges)
    {
        WriteHeader(destination, type, session);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[HeaderLength..], ack.Cumulative);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(HeaderLength + 8)..], ack.Done);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[(HeaderLength + 16)..], ack.Limit);
        var count = Math.Min(ranges.Length, MaxSackRanges);
        var written = 0;
        var position = AckFixedLength;
        for (var i = 0; i < count; i++)
        {
            var range = ranges[i];
            var start = range.First - ack.Cumulative;
            var length = range.Last - range.First + 1;
            if (range.First <= ack.Cumulative || range.Last < range.First || start > uint.MaxValue || length > uint.MaxValue)
            {
                continue;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(destination[position..], (uint)start);
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(position + 4)..], (uint)length);
            position += 8;
            written++;
        }

        destination[HeaderLength + 24] = (byte)written;
        return position;
    }

    /// <summary>Reads an acknowledgement; its ranges go to <paramref name="ranges"/> (at most its length).</summary>
    /// <returns>How many ranges were read.</returns>
    /// <exception cref="WireProtocolException">The acknowledgement is too short for what it announces.</exception>
    public static int ReadAck(ReadOnlySpan<byte> datagram, out AckInfo ack, Span<SackRange> ranges)
    {
        if (datagram.Length < AckFixedLength)
        {
            throw Malformed($"An acknowledgement of {datagram.Length} bytes is too short.");
        }

        var cumulative = BinaryPrimitives.ReadUInt64LittleEndian(datagram[HeaderLength..]);
        ack = new AckInfo(cumulative,
                          BinaryPrimitives.ReadUInt64LittleEndian(datagram[(HeaderLength + 8)..]),
                          BinaryPrimitives.ReadUInt64LittleEndian(datagram[(HeaderLength + 16)..]));
        int count = datagram[HeaderLength + 24];
        if (count > MaxSackRanges || datagram.Length < AckFixedLength + (count * 8))
        {
            throw Malformed($"An acknowledgement announces {count} ranges that its {datagram.Length} bytes do not hold.");
        }

        var read = 0;
        for (var i = 0; i < count && read < ranges.Length; i++)
        {
            var position = AckFixedLength + (i * 8);
            var start = BinaryPrimitives.ReadUInt32LittleEndian(datagram[position..]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(datagram[(position + 4)..]);
            if (start == 0 || length == 0)
            {
                throw Malformed("An acknowledgement holds an empty range or one that overlaps its cumulative point.");
            }

            var first = cumulative + start;
            ranges[read++] = new SackRange(first, first + length - 1);
        }

        return read;
    }

    /// <summary>Writes a reset.</summary>
    public static int WriteReset(Span<byte> destination, ulong session, ResetReason reason)
    {
        WriteHeader(destination, DatagramType.Reset, session);
        destination[HeaderLength] = (byte)reason;
        return HeaderLength + 1;
    }

    /// <summary>A reset's reason (<see cref="ResetReason.UnknownSession"/> when it gives none).</summary>
    public static ResetReason ReadResetReason(ReadOnlySpan<byte> datagram) =>
        datagram.Length > HeaderLength && Enum.IsDefined((ResetReason)datagram[HeaderLength])
            ? (ResetReason)datagram[HeaderLength]
            : ResetReason.UnknownSession;

    /// <summary>Writes a datagram that is only a header (<see cref="DatagramType.Ping"/>, <see cref="DatagramType.Liveness"/>, <see cref="DatagramType.Bye"/>).</summary>
    public static int WriteBare(Span<byte> destination, DatagramType type, ulong session) => WriteHeader(destination, type, session);

    private static WireProtocolException Malformed(string message) => new(WireViolation.Truncated, message);
}

/// <summary>What <see cref="DatagramCodec.ReadHeader"/> found.</summary>
internal enum HeaderStatus
{
    /// <summary>A datagram of this transport.</summary>
    Valid,

    /// <summary>Not a datagram of this transport (too short, wrong magic, unknown type).</summary>
    NotThespian,

    /// <summary>A datagram of this transport in another version of its format.</summary>
    OtherVersion,
}
