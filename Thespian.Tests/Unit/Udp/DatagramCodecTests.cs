using Thespian.Bases.MultiprocUdp;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Udp;

/// <summary>The UDP transport's datagrams: each kind written and read back; garbage and short or lying datagrams refused.</summary>
public sealed class DatagramCodecTests
{
    [Test]
    public void Header_RoundTrip()
    {
        var datagram = new byte[DatagramCodec.HeaderLength];
        DatagramCodec.WriteHeader(datagram, DatagramType.Ping, 0x0123456789ABCDEF);

        Assert.That(DatagramCodec.ReadHeader(datagram, out var type, out var session), Is.EqualTo(HeaderStatus.Valid));
        Assert.That((type, session), Is.EqualTo((DatagramType.Ping, 0x0123456789ABCDEFUL)));
    }

    [TestCase(new byte[0])]
    [TestCase(new byte[] { (byte)'T', (byte)'U', 1, 4 })]
    [TestCase(new byte[] { (byte)'X', (byte)'U', 1, 4, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [TestCase(new byte[] { (byte)'T', (byte)'U', 1, 99, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [TestCase(new byte[] { (byte)'T', (byte)'U', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void ReadHeader_Garbage_IsNotThespian(byte[] datagram)
    {
        Assert.That(DatagramCodec.ReadHeader(datagram, out _, out _), Is.EqualTo(HeaderStatus.NotThespian));
    }

    [Test]
    public void ReadHeader_AnotherVersion_SaysSo()
    {
        var datagram = new byte[DatagramCodec.HeaderLength];
        DatagramCodec.WriteHeader(datagram, DatagramType.Hello, 5);
        datagram[2] = 2;

        Assert.That(DatagramCodec.ReadHeader(datagram, out var type, out _), Is.EqualTo(HeaderStatus.OtherVersion));
        Assert.That(type, Is.EqualTo(DatagramType.Hello));
    }

    [Test]
    public void Random_Bytes_NeverThrowFromReadHeader()
    {
        var random = new Random(7);
        var datagram = new byte[64];
        for (var i = 0; i < 100_000; i++)
        {
            random.NextBytes(datagram);
            _ = DatagramCodec.ReadHeader(datagram.AsSpan(0, random.Next(datagram.Length)), out _, out _);
        }
    }

    [Test]
    public void Hello_RoundTrip_CarriesTheRole()
    {
        var datagram = new byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(datagram, 9, WireRole.Admin);

        Assert.That(DatagramCodec.ReadHello(datagram), Is.EqualTo(WireRole.Admin));
        Assert.That(datagram.AsSpan(DatagramCodec.HeaderLength, 4).ToArray(), Is.EqualTo("THSP"u8.ToArray()), "the Thespian magic");
    }

    [Test]
    public void Hello_WrongMagicOrShort_IsRefused()
    {
        var datagram = new byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(datagram, 9, WireRole.Peer);
        datagram[DatagramCodec.HeaderLength] = (byte)'X';

        Assert.That(() => DatagramCodec.ReadHello(datagram), Throws.TypeOf<WireProtocolException>());
        Assert.That(() => DatagramCodec.ReadHello(datagram.AsSpan(0, 15).ToArray()), Throws.TypeOf<WireProtocolException>());
    }

    [Test]
    public void Answer_RoundTrip()
    {
        var datagram = new byte[DatagramCodec.AnswerLength];
        DatagramCodec.WriteAnswer(datagram, 9, HandshakeStatus.RoleRefused, 8192);

        Assert.That(DatagramCodec.ReadAnswer(datagram), Is.EqualTo((HandshakeStatus.RoleRefused, 8192u)));
    }

    [Test]
    public void Data_RoundTrip_WholeAndFragmentChunks()
    {
        var datagram = new byte[200];
        var position = DatagramCodec.WriteDataHeader(datagram, 9, 42);
        position += DatagramCodec.WriteWholeChunkHeader(datagram.AsSpan(position), 10);
        position += 10;
        position += DatagramCodec.WriteFragmentChunkHeader(datagram.AsSpan(position), 1000, 0, 20);
        position += 20;
        var data = datagram.AsSpan(0, position);

        Assert.That(DatagramCodec.ReadSequence(data), Is.EqualTo(42UL));
        var at = DatagramCodec.DataHeaderLength;
        Assert.That(DatagramCodec.TryReadChunk(data, ref at, out var whole), Is.True);
        Assert.That(whole, Is.EqualTo(new DataChunk(ChunkKind.Whole, DatagramCodec.DataHeaderLength + 5, 10, 10, 0)));
        Assert.That(whole.EndsEnvelope, Is.True);
        Assert.That(DatagramCodec.TryReadChunk(data, ref at, out var fragment), Is.True);
        Assert.That((fragment.Kind, fragment.Length, fragment.Total, fragment.Offset), Is.EqualTo((ChunkKind.Fragment, 20, 1000, 0)));
        Assert.That(fragment.EndsEnvelope, Is.False);
        Assert.That(DatagramCodec.TryReadChunk(data, ref at, out _), Is.False);
    }

    [TestCase(1, -1, "announces")]
    [TestCase(1, 0, "announces")]
    [TestCase(1, 100, "announces")]
    [TestCase(7, 1, "unknown kind")]
    public void Chunk_LyingOrUnknown_IsRefused(byte kind, int length, string expected)
    {
        var datagram = new byte[DatagramCodec.DataHeaderLength + 20];
        DatagramCodec.WriteDataHeader(datagram, 9, 1);
        DatagramCodec.WriteWholeChunkHeader(datagram.AsSpan(DatagramCodec.DataHeaderLength), length);
        datagram[DatagramCodec.DataHeaderLength] = kind;
        var at = DatagramCodec.DataHeaderLength;

        var ex = Assert.Throws<WireProtocolException>(() => DatagramCodec.TryReadChunk(datagram, ref at, out _));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [TestCase(1000, 0, 100, true)]
    [TestCase(1000, 900, 100, true)]
    [TestCase(1000, 950, 100, false)]
    [TestCase(0, 0, 100, false)]
    [TestCase(1000, -5, 100, false)]
    [TestCase(int.MaxValue, int.MaxValue - 10, 100, false)]
    public void Fragment_OffsetAndLength_MustFitItsTotal(int total, int offset, int length, bool fits)
    {
        var datagram = new byte[DatagramCodec.DataHeaderLength + DatagramCodec.FragmentChunkOverhead + length];
        DatagramCodec.WriteFragmentChunkHeader(datagram.AsSpan(DatagramCodec.DataHeaderLength), total, offset, length);
        var at = DatagramCodec.DataHeaderLength;

        if (fits)
        {
            Assert.That(DatagramCodec.TryReadChunk(datagram, ref at, out _), Is.True);
        }
        else
        {
            Assert.That(() => DatagramCodec.TryReadChunk(datagram, ref at, out _), Throws.TypeOf<WireProtocolException>());
        }
    }

    [Test]
    public void Chunks_RandomBytes_EitherParseWithinTheDatagramOrAreRefused()
    {
        var random = new Random(11);
        var datagram = new byte[300];
        for (var i = 0; i < 50_000; i++)
        {
            random.NextBytes(datagram);
            datagram[DatagramCodec.DataHeaderLength] = (byte)random.Next(0, 3);
            var length = random.Next(DatagramCodec.DataHeaderLength, datagram.Length);
            var at = DatagramCodec.DataHeaderLength;
            try
            {
                while (DatagramCodec.TryReadChunk(datagram.AsSpan(0, length), ref at, out var chunk))
                {
                    Assert.That(chunk.Start + chunk.Length, Is.LessThanOrEqualTo(length));
                }
            }
            catch (WireProtocolException)
            {
                // Refused: fine.
            }
        }
    }

    [Test]
    public void Ack_RoundTrip_WithRanges()
    {
        var datagram = new byte[DatagramCodec.MaxAckLength];
        SackRange[] ranges = [new(12, 15), new(20, 20)];
        var length = DatagramCodec.WriteAck(datagram, DatagramType.Ack, 9, new AckInfo(10, 7, 1031), ranges);
        var read = new SackRange[DatagramCodec.MaxSackRanges];

        var count = DatagramCodec.ReadAck(datagram.AsSpan(0, length), out var ack, read);

        Assert.That(ack, Is.EqualTo(new AckInfo(10, 7, 1031)));
        Assert.That(read[..count], Is.EqualTo(ranges));
    }

    [Test]
    public void Ack_RangesAtOrBelowTheCumulativePoint_AreNotWritten()
    {
        var datagram = new byte[DatagramCodec.MaxAckLength];
        var length = DatagramCodec.WriteAck(datagram, DatagramType.Ack, 9, new AckInfo(10, 0, 0), [new(5, 8), new(10, 12), new(14, 13)]);

        Assert.That(DatagramCodec.ReadAck(datagram.AsSpan(0, length), out _, new SackRange[16]), Is.Zero);
    }

    [Test]
    public void Ack_AnnouncingMoreRangesThanItHolds_IsRefused()
    {
        var datagram = new byte[DatagramCodec.MaxAckLength];
        var length = DatagramCodec.WriteAck(datagram, DatagramType.Ack, 9, new AckInfo(10, 0, 0), [new(12, 13)]);
        datagram[DatagramCodec.HeaderLength + 24] = 5;

        Assert.That(() => DatagramCodec.ReadAck(datagram.AsSpan(0, length), out _, new SackRange[16]), Throws.TypeOf<WireProtocolException>());
        Assert.That(() => DatagramCodec.ReadAck(datagram.AsSpan(0, 20), out _, new SackRange[16]), Throws.TypeOf<WireProtocolException>());
    }

    [Test]
    public void Reset_RoundTrip_AndUnknownReasonReadsAsUnknownSession()
    {
        var datagram = new byte[DatagramCodec.HeaderLength + 1];
        DatagramCodec.WriteReset(datagram, 9, ResetReason.ProtocolViolation);
        Assert.That(DatagramCodec.ReadResetReason(datagram), Is.EqualTo(ResetReason.ProtocolViolation));

        datagram[DatagramCodec.HeaderLength] = 77;
        Assert.That(DatagramCodec.ReadResetReason(datagram), Is.EqualTo(ResetReason.UnknownSession));
    }
}
