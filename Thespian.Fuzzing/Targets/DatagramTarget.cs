using System.Buffers.Binary;
using Thespian.Bases.MultiprocUdp;
using Thespian.Fuzzing.Engine;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// A stream of UDP datagrams from one peer, decoded as the UDP transport's receiving thread decodes them
/// (<c>UdpTransport.Dispatch</c>, <c>OnData</c>, <c>Process</c>): the header, hellos and answers, acknowledgements with
/// their ranges, resets, and data datagrams put in order by a <see cref="ReceiveWindow"/>, their chunks checked, large
/// envelopes put together by <see cref="Reassembly"/> within a <see cref="MemoryBudget"/>, every envelope read. A session
/// that breaks the protocol is cut off (its window and reassembly cleared) and the next datagrams start a new one, as a
/// new hello would. After the last datagram the memory budgets must be whole again. An input is a sequence of
/// <c>[uint16 length][datagram]</c>. Refusal: <see cref="WireProtocolException"/> (what the transport cuts a session off for).
/// </summary>
internal sealed class DatagramTarget : FuzzTarget
{
    private const int MaxMessageBytes = 256 * 1024;
    private const int ReceiverWindowEnvelopes = 64;
    private const ulong SessionId = 0x0102030405060708;

    public override string Name => "udp-datagrams";

    public override string Description => "UDP datagrams: header, hello/answer, ack ranges, data chunks, reorder window, reassembly";

    public override int MaxInputBytes => 96 * 1024;

    public override IReadOnlyList<FuzzSeed> CreateSeeds()
    {
        var envelopes = WireSeeds.Envelopes(WireSeeds.Bodies()).ToList();
        var large = WireSeeds.Envelope(EnvelopeKind.Deliver, "127.0.0.1:1029", new byte[3000]);
        var seeds = new List<FuzzSeed>
        {
            Sequence(Hello(), Data(1, Whole(envelopes[0]), Whole(envelopes[1])), Data(2, Whole(envelopes[2]))),
            Sequence(Data(2, Whole(envelopes[3])), Data(1, Whole(envelopes[4])), Data(3, Whole(envelopes[5]))),
            Sequence(Data(1, Fragment(large, 0, 1000)), Data(2, Fragment(large, 1000, 1000)), Data(3, Fragment(large, 2000, 1000 + (large.Length - 3000)))),
            Sequence(Data(1, Fragment(large, 0, large.Length)), Data(1, Whole(envelopes[0]))),
            Sequence(Ack(3, [new SackRange(5, 6), new SackRange(9, 9)]), Answer(), Reset(), Bare(DatagramType.Ping), Bare(DatagramType.Bye)),
            Sequence(Data(3, Whole(envelopes[1])), Data(2, Fragment(large, 0, 2000)), Data(1, Whole(envelopes[2])), Data(4, Fragment(large, 2000, large.Length - 2000))),
        };
        return seeds;
    }

    public override IReadOnlyList<byte[]> Tokens => [.. WireSeeds.Tokens, "TU"u8.ToArray(), [(byte)'T', (byte)'U', DatagramCodec.Version, (byte)DatagramType.Data]];

    public override void Run(byte[] input)
    {
        var reorderBudget = new MemoryBudget(2 * 1024 * 1024);
        var reassemblyBudget = new MemoryBudget(512 * 1024);
        var session = new Session(reorderBudget, reassemblyBudget);
        try
        {
            var position = 0;
            while (position + 2 <= input.Length)
            {
                var length = BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(position));
                position += 2;
                var datagram = input.AsMemory(position, Math.Min(length, input.Length - position));
                position += datagram.Length;
                try
                {
                    Dispatch(session, datagram);
                }
                catch (WireProtocolException)
                {
                    // The transport cuts the session off (or drops the datagram and reports it); the peer starts again.
                    session.Drop();
                    session = new Session(reorderBudget, reassemblyBudget);
                }
            }
        }
        finally
        {
            session.Drop();
        }

        if (reorderBudget.Used != 0 || reassemblyBudget.Used != 0)
        {
            throw new InvalidOperationException(
                $"A dropped session left memory reserved: {reorderBudget.Used} bytes of the reorder budget, {reassemblyBudget.Used} of the reassembly budget.");
        }
    }

    public override bool IsClearError(Exception exception) => ClearErrors.IsWireRefusal(exception);

    public override long AllocationLimit(int inputLength) => (2L * MaxMessageBytes) + (8L * inputLength) + (1024 * 1024);

    private static void Dispatch(Session session, ReadOnlyMemory<byte> memory)
    {
        var datagram = memory.Span;
        if (DatagramCodec.ReadHeader(datagram, out var type, out _) != HeaderStatus.Valid)
        {
            return;
        }

        switch (type)
        {
            case DatagramType.Hello:
                _ = DatagramCodec.ReadHello(datagram);
                break;
            case DatagramType.Answer:
                _ = DatagramCodec.ReadAnswer(datagram);
                break;
            case DatagramType.Ack:
            case DatagramType.Closing:
                Span<SackRange> ranges = stackalloc SackRange[DatagramCodec.MaxSackRanges];
                _ = DatagramCodec.ReadAck(datagram, out _, ranges);
                break;
            case DatagramType.Reset:
                _ = DatagramCodec.ReadResetReason(datagram);
                break;
            case DatagramType.Data:
                OnData(session, memory);
                break;
        }
    }

    private static void OnData(Session session, ReadOnlyMemory<byte> datagram)
    {
        if (datagram.Length >= DatagramCodec.DataHeaderLength)
        {
            _ = DatagramCodec.ReadPiggybackedAck(datagram.Span, out _);
        }

        var sequence = DatagramCodec.ReadSequence(datagram.Span);
        if (session.Window.Offer(sequence, datagram.Span) == OfferResult.InOrder && Process(session, datagram))
        {
            session.Window.Advance();
            while (session.Window.TryPeekBuffered(out var kept) && Process(session, kept))
            {
                session.Window.Advance();
            }
        }
    }

    /// <summary><c>UdpTransport.Process</c>: check every chunk first, reserve memory, then hand the envelopes on.</summary>
    private static bool Process(Session session, ReadOnlyMemory<byte> datagram)
    {
        var span = datagram.Span;
        var cursor = session.Reassembly.Cursor;
        var position = DatagramCodec.DataHeaderLength;
        var envelopes = 0;
        var starting = 0;
        while (DatagramCodec.TryReadChunk(span, ref position, out var chunk))
        {
            cursor = Reassembly.Follow(cursor, chunk, MaxMessageBytes, out var starts);
            if (starts)
            {
                starting = chunk.Total;
            }

            if (chunk.EndsEnvelope)
            {
                envelopes++;
            }
        }

        if (envelopes > ReceiverWindowEnvelopes || (starting > 0 && !session.Reassembly.TryReserve(starting)))
        {
            return false;
        }

        position = DatagramCodec.DataHeaderLength;
        while (DatagramCodec.TryReadChunk(span, ref position, out var chunk))
        {
            if (chunk.Kind == ChunkKind.Whole || (chunk.Offset == 0 && chunk.Length == chunk.Total))
            {
                _ = Envelope.Read(datagram.Slice(chunk.Start, chunk.Length), keepBody: false);
            }
            else if (session.Reassembly.Append(chunk, span.Slice(chunk.Start, chunk.Length)) is { } whole)
            {
                _ = Envelope.Read(whole, keepBody: true);
            }
        }

        return true;
    }

    private static FuzzSeed Sequence(params byte[][] datagrams)
    {
        var bytes = new List<byte>();
        var fields = new List<LengthField>();
        foreach (var datagram in datagrams)
        {
            fields.Add(new LengthField(bytes.Count, 2));
            bytes.AddRange(BitConverter.GetBytes((ushort)datagram.Length));
            if (datagram.Length > DatagramCodec.DataHeaderLength && datagram[3] == (byte)DatagramType.Data)
            {
                // The first chunk's length (and a fragment's total, offset and length).
                fields.Add(new LengthField(bytes.Count + DatagramCodec.DataHeaderLength + 1, 4));
                fields.Add(new LengthField(bytes.Count + DatagramCodec.DataHeaderLength + 5, 4));
                fields.Add(new LengthField(bytes.Count + DatagramCodec.DataHeaderLength + 9, 4));
                fields.Add(new LengthField(bytes.Count + DatagramCodec.HeaderLength, 8));
            }

            bytes.AddRange(datagram);
        }

        return new FuzzSeed([.. bytes], fields);
    }

    private static byte[] Hello()
    {
        var datagram = new byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(datagram, SessionId, WireRole.Peer);
        return datagram;
    }

    private static byte[] Answer()
    {
        var datagram = new byte[DatagramCodec.AnswerLength];
        DatagramCodec.WriteAnswer(datagram, SessionId, HandshakeStatus.Accepted, 128);
        return datagram;
    }

    private static byte[] Reset()
    {
        var datagram = new byte[DatagramCodec.HeaderLength + 1];
        DatagramCodec.WriteReset(datagram, SessionId, ResetReason.ProtocolViolation);
        return datagram;
    }

    private static byte[] Bare(DatagramType type)
    {
        var datagram = new byte[DatagramCodec.HeaderLength];
        DatagramCodec.WriteBare(datagram, type, SessionId);
        return datagram;
    }

    private static byte[] Ack(ulong cumulative, SackRange[] ranges)
    {
        var datagram = new byte[DatagramCodec.MaxAckLength];
        var length = DatagramCodec.WriteAck(datagram, DatagramType.Ack, SessionId, new AckInfo(cumulative, 2, 66), ranges);
        return datagram[..length];
    }

    private static byte[] Data(ulong sequence, params byte[][] chunks)
    {
        var datagram = new byte[DatagramCodec.DataHeaderLength + chunks.Sum(c => c.Length)];
        var position = DatagramCodec.WriteDataHeader(datagram, SessionId, sequence, 0x1111, new AckInfo(1, 1, 65));
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(datagram, position);
            position += chunk.Length;
        }

        return datagram;
    }

    private static byte[] Whole(byte[] envelope)
    {
        var chunk = new byte[DatagramCodec.WholeChunkOverhead + envelope.Length];
        DatagramCodec.WriteWholeChunkHeader(chunk, envelope.Length);
        envelope.CopyTo(chunk, DatagramCodec.WholeChunkOverhead);
        return chunk;
    }

    private static byte[] Fragment(byte[] envelope, int offset, int length)
    {
        var chunk = new byte[DatagramCodec.FragmentChunkOverhead + length];
        DatagramCodec.WriteFragmentChunkHeader(chunk, envelope.Length, offset, length);
        envelope.AsSpan(offset, length).CopyTo(chunk.AsSpan(DatagramCodec.FragmentChunkOverhead));
        return chunk;
    }

    /// <summary>What the receiving side keeps for one peer's session (as <see cref="InboundSession"/> does).</summary>
    private sealed class Session(MemoryBudget reorderBudget, MemoryBudget reassemblyBudget)
    {
        public ReceiveWindow Window { get; } = new(64, 1024 * 1024, reorderBudget);

        public Reassembly Reassembly { get; } = new(reassemblyBudget);

        /// <summary><see cref="InboundSession.Drop"/>: what it kept is given back.</summary>
        public void Drop()
        {
            Window.Clear();
            Reassembly.Clear();
        }
    }
}
