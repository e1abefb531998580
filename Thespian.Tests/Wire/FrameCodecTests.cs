using System.Buffers;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

public sealed class FrameCodecTests
{
    private const int Max = 1024;

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    public void TryParse_FewerThanFourBytes_NeedsMoreData(int length)
    {
        var buffer = WireBytes.Header(10)[..length];

        Assert.That(FrameCodec.TryParse(buffer, Max, out _), Is.EqualTo(FrameParseResult.NeedMoreData));
    }

    [Test]
    public void TryParse_HeaderOnly_NeedsMoreDataAndReportsTheLength()
    {
        var result = FrameCodec.TryParse(WireBytes.Header(10), Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.NeedMoreData));
        Assert.That(payloadLength, Is.EqualTo(10));
    }

    [Test]
    public void TryParse_HeaderAndPartOfThePayload_NeedsMoreData()
    {
        var buffer = WireBytes.Frame(WireBytes.Pattern(10))[..^1];

        Assert.That(FrameCodec.TryParse(buffer, Max, out _), Is.EqualTo(FrameParseResult.NeedMoreData));
    }

    [Test]
    public void TryParse_WholeFrame_ReturnsFrameWithPayloadLength()
    {
        var buffer = WireBytes.Frame(WireBytes.Pattern(10));

        var result = FrameCodec.TryParse(buffer, Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.Frame));
        Assert.That(payloadLength, Is.EqualTo(10));
    }

    [Test]
    public void TryParse_WholeFrameFollowedByMoreBytes_ReturnsOnlyTheFirstFramesLength()
    {
        byte[] buffer = [.. WireBytes.Frame(WireBytes.Pattern(3)), .. WireBytes.Frame(WireBytes.Pattern(7))];

        var result = FrameCodec.TryParse(buffer, Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.Frame));
        Assert.That(payloadLength, Is.EqualTo(3));
    }

    [Test]
    public void TryParse_ZeroLengthPayload_IsAValidFrame()
    {
        var result = FrameCodec.TryParse(WireBytes.Header(0), Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.Frame));
        Assert.That(payloadLength, Is.Zero);
    }

    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void TryParse_NegativeLength_IsTooLargeAndReportsTheLength(int length)
    {
        var result = FrameCodec.TryParse(WireBytes.Header(length), Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.TooLarge));
        Assert.That(payloadLength, Is.EqualTo(length));
    }

    [TestCase(Max + 1)]
    [TestCase(int.MaxValue)]
    public void TryParse_LengthAboveTheMaximum_IsTooLargeAndReportsTheLength(int length)
    {
        var result = FrameCodec.TryParse(WireBytes.Header(length), Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.TooLarge));
        Assert.That(payloadLength, Is.EqualTo(length));
    }

    [Test]
    public void TryParse_LengthAboveTheMaximum_IsTooLargeEvenWhenThePayloadIsThere()
    {
        var buffer = WireBytes.Frame(WireBytes.Pattern(Max + 1));

        Assert.That(FrameCodec.TryParse(buffer, Max, out _), Is.EqualTo(FrameParseResult.TooLarge));
    }

    [Test]
    public void TryParse_LengthEqualToTheMaximum_IsAFrame()
    {
        var buffer = WireBytes.Frame(WireBytes.Pattern(Max));

        var result = FrameCodec.TryParse(buffer, Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.Frame));
        Assert.That(payloadLength, Is.EqualTo(Max));
    }

    [Test]
    public void TryParse_LengthEqualToTheMaximumHeaderOnly_NeedsMoreData()
    {
        Assert.That(FrameCodec.TryParse(WireBytes.Header(Max), Max, out _), Is.EqualTo(FrameParseResult.NeedMoreData));
    }

    [Test]
    public void TryParse_LengthPrefix_IsLittleEndian()
    {
        byte[] buffer = [2, 0, 0, 0, 0xAA, 0xBB];

        var result = FrameCodec.TryParse(buffer, Max, out var payloadLength);

        Assert.That(result, Is.EqualTo(FrameParseResult.Frame));
        Assert.That(payloadLength, Is.EqualTo(2));
    }

    [Test]
    public void Write_OneFrame_WritesLittleEndianLengthThenPayload()
    {
        var writer = new ArrayBufferWriter<byte>();

        FrameCodec.Write(writer, [0xAA, 0xBB, 0xCC]);

        Assert.That(writer.WrittenSpan.ToArray(), Is.EqualTo(new byte[] { 3, 0, 0, 0, 0xAA, 0xBB, 0xCC }));
    }

    [Test]
    public void Write_SeveralFramesIntoOneWriter_TryParseReturnsEachPayloadInOrder()
    {
        byte[][] payloads = [WireBytes.Pattern(5, 1), [], WireBytes.Pattern(1, 2), WireBytes.Pattern(300, 3), WireBytes.Pattern(Max, 4)];
        var writer = new ArrayBufferWriter<byte>(16);
        foreach (var payload in payloads)
        {
            FrameCodec.Write(writer, payload);
        }

        var parsed = new List<byte[]>();
        var remaining = writer.WrittenSpan;
        while (FrameCodec.TryParse(remaining, Max, out var payloadLength) == FrameParseResult.Frame)
        {
            parsed.Add(remaining.Slice(4, payloadLength).ToArray());
            remaining = remaining[(4 + payloadLength)..];
        }

        Assert.That(parsed, Is.EqualTo(payloads));
        Assert.That(remaining.Length, Is.Zero);
    }

    [Test]
    public void TooLarge_AboveTheMaximum_NamesSizeMaximumAndTheCapability()
    {
        var exception = FrameCodec.TooLarge(70000, 65536);

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.FrameTooLarge));
        Assert.That(exception.Message, Does.Contain("70000"));
        Assert.That(exception.Message, Does.Contain("65536"));
        Assert.That(exception.Message, Does.Contain("\"Max Message Size\""));
        Assert.That(exception.Message, Does.Contain(WireProtocol.MaxMessageSizeCapability));
    }

    [Test]
    public void TooLarge_NegativeLength_SaysThePeerIsNotSpeakingTheProtocol()
    {
        var exception = FrameCodec.TooLarge(-5, 65536);

        Assert.That(exception.Violation, Is.EqualTo(WireViolation.FrameTooLarge));
        Assert.That(exception.Message, Does.Contain("-5"));
        Assert.That(exception.Message, Does.Contain("not speaking the Thespian wire protocol"));
    }

    [Test]
    public void Write_Envelope_FramesItLikeItsEncodedBytes()
    {
        var envelope = new Envelope(EnvelopeKind.Deliver, new ActorId(0, 1), new ActorId(0, 2), new ActorId(0, 3), "127.0.0.1:9", new byte[] { 7, 8, 9 });
        var encoded = new ArrayBufferWriter<byte>();
        envelope.WriteTo(encoded);
        var expected = new ArrayBufferWriter<byte>();
        FrameCodec.Write(expected, encoded.WrittenSpan);

        var actual = new ArrayBufferWriter<byte>();
        FrameCodec.Write(actual, envelope);

        Assert.That(actual.WrittenSpan.ToArray(), Is.EqualTo(expected.WrittenSpan.ToArray()));
    }

    [Test]
    public void WriteAllButBody_ThenTheBody_SameBytesAsWrite()
    {
        var envelope = new Envelope(EnvelopeKind.Deliver, new ActorId(0, 1), new ActorId(0, 2), new ActorId(0, 3), "127.0.0.1:9", WireBytes.Pattern(100_000, 4));
        var whole = new ArrayBufferWriter<byte>();
        FrameCodec.Write(whole, envelope);

        var split = new ArrayBufferWriter<byte>();
        FrameCodec.WriteAllButBody(split, envelope);
        split.Write(envelope.Body.Span);

        Assert.That(split.WrittenSpan.ToArray(), Is.EqualTo(whole.WrittenSpan.ToArray()));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void EnvelopeRead_KeepBodyOrNot_SameEnvelope(bool keepBody)
    {
        var envelope = new Envelope(EnvelopeKind.DeadLetter, new ActorId(0, 5), new ActorId(0, 6), new ActorId(0, 7), "127.0.0.1:10", new byte[] { 1, 2, 3 });
        var encoded = new ArrayBufferWriter<byte>();
        envelope.WriteTo(encoded);

        var read = Envelope.Read(encoded.WrittenMemory, keepBody);

        Assert.That((read.Kind, read.Target, read.Sender, read.Aux, read.SenderEndpoint),
                    Is.EqualTo((envelope.Kind, envelope.Target, envelope.Sender, envelope.Aux, envelope.SenderEndpoint)));
        Assert.That(read.Body.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void EnvelopeRead_KeepBody_BodyRefersToThePayload()
    {
        var encoded = new ArrayBufferWriter<byte>();
        new Envelope(EnvelopeKind.Deliver, new ActorId(0, 1), new ActorId(0, 2), new ActorId(0, 3), null, new byte[] { 1, 2, 3 }).WriteTo(encoded);
        var payload = encoded.WrittenMemory.ToArray();

        var kept = Envelope.Read(payload, keepBody: true);
        var copied = Envelope.Read(payload, keepBody: false);
        payload[^1] = 42;

        Assert.That(kept.Body.Span[^1], Is.EqualTo(42), "kept: no copy");
        Assert.That(copied.Body.Span[^1], Is.EqualTo(3), "not kept: a copy");
    }
}
