using System.Buffers;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>The envelope's optional trace context: absent, it costs no byte; present, it round-trips; bad, it is refused.</summary>
public sealed class EnvelopeTraceContextTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private static Envelope Sample(string? traceContext) =>
        new(EnvelopeKind.Deliver, new ActorId(0, 1), new ActorId(0, 2), ActorId.Zero, "127.0.0.1:9", new byte[] { 7, 8, 9 }, traceContext);

    private static byte[] Encode(Envelope envelope)
    {
        var encoded = new ArrayBufferWriter<byte>();
        envelope.WriteTo(encoded);
        return encoded.WrittenSpan.ToArray();
    }

    [Test]
    public void WriteTo_NoTraceContext_SameBytesAsAnEnvelopeWithoutTheField()
    {
        var bytes = Encode(Sample(null));

        Assert.That(bytes[0], Is.EqualTo((byte)EnvelopeKind.Deliver), "no flag in the kind byte");
        Assert.That(bytes, Has.Length.EqualTo(1 + 16 + 16 + 16 + 2 + "127.0.0.1:9".Length + 3));
        Assert.That(Sample(null).EncodedLength, Is.EqualTo(bytes.Length));
    }

    [TestCase(TraceParent)]
    [TestCase(TraceParent + "\nvendor=value,other=x")]
    public void Read_WithTraceContext_RoundTripsWithTheBody(string traceContext)
    {
        var envelope = Sample(traceContext);
        var bytes = Encode(envelope);

        var read = Envelope.Read(bytes, keepBody: false);

        Assert.That(envelope.EncodedLength, Is.EqualTo(bytes.Length));
        Assert.That((read.Kind, read.TraceContext, read.SenderEndpoint), Is.EqualTo((EnvelopeKind.Deliver, traceContext, "127.0.0.1:9")));
        Assert.That(read.Body.ToArray(), Is.EqualTo(new byte[] { 7, 8, 9 }));
    }

    [Test]
    public void Read_TraceContextRunsPastTheFrame_RefusedAsTruncated()
    {
        var bytes = Encode(Sample(TraceParent));
        var cut = bytes[..(1 + 16 + 16 + 16 + 2 + "127.0.0.1:9".Length + 10)];

        Assert.That(() => Envelope.Read(cut, keepBody: false), Throws.InstanceOf<WireProtocolException>());
    }

    [Test]
    public void WriteTo_TraceContextTooLong_LeftOutAndTheMessageStillGoes()
    {
        var envelope = Sample(TraceParent + "\n" + new string('a', Envelope.MaxTraceContextBytes));

        var read = Envelope.Read(Encode(envelope), keepBody: false);

        Assert.That(read.TraceContext, Is.Null);
        Assert.That(read.Body.ToArray(), Is.EqualTo(new byte[] { 7, 8, 9 }));
    }

    [TestCase(null)]
    [TestCase("not a traceparent")]
    [TestCase("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    public void ParentOf_MissingOrUnreadable_IsARootContext(string? traceContext) =>
        Assert.That(Thespian.Diagnostics.ThespianTracing.ParentOf(traceContext), Is.EqualTo(default(System.Diagnostics.ActivityContext)));

    [Test]
    public void ParentOf_TraceParentAndState_IsTheRemoteParent()
    {
        var parent = Thespian.Diagnostics.ThespianTracing.ParentOf(TraceParent + "\nvendor=value");

        Assert.Multiple(() =>
        {
            Assert.That(parent.TraceId.ToHexString(), Is.EqualTo("0af7651916cd43dd8448eb211c80319c"));
            Assert.That(parent.SpanId.ToHexString(), Is.EqualTo("b7ad6b7169203331"));
            Assert.That(parent.TraceState, Is.EqualTo("vendor=value"));
            Assert.That(parent.IsRemote, Is.True);
        });
    }
}
