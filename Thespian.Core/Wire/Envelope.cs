using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Thespian.Wire;

/// <summary>What an envelope carries.</summary>
internal enum EnvelopeKind : byte
{
    /// <summary>An actor message: deliver the body to the target.</summary>
    Deliver = 1,

    /// <summary>A control record between Thespian processes (admin, hosts, clients); Thespian types only.</summary>
    Control = 2,

    /// <summary>An undeliverable message handed to a dead-letter handler; <see cref="Envelope.Aux"/> is the dead address.</summary>
    DeadLetter = 3,
}

/// <summary>
/// One unit on the wire: a small binary header (kind, target, sender, an auxiliary id and the sender's
/// endpoint), an optional trace context, and the body, opaque to anything that only routes it (the admin never
/// reads user bodies).
/// Layout: <c>kind(1) target(16) sender(16) aux(16) endpointLength(2) endpoint(UTF-8) [traceLength(2) trace(UTF-8)] body</c>;
/// the trace part is there only when the kind byte has <see cref="TraceFlag"/> set, so an envelope without a trace
/// context is exactly what it was before traces existed.
/// </summary>
/// <param name="Kind">What the envelope carries.</param>
/// <param name="Target">Whom it is for.</param>
/// <param name="Sender">Who sent it.</param>
/// <param name="Aux">An auxiliary id (a dead letter's original target).</param>
/// <param name="SenderEndpoint">The sender's endpoint (route), if it has one.</param>
/// <param name="Body">The serialized message.</param>
/// <param name="TraceContext">The W3C trace context it travels with (<c>Thespian.Diagnostics.ThespianTracing</c>), if any.</param>
internal readonly record struct Envelope(EnvelopeKind Kind, ActorId Target, ActorId Sender, ActorId Aux,
                                         string? SenderEndpoint, ReadOnlyMemory<byte> Body, string? TraceContext = null)
{
    private const int FixedHeaderLength = 1 + 16 + 16 + 16 + 2;

    /// <summary>Set in the kind byte when a trace context follows the sender's endpoint.</summary>
    private const byte TraceFlag = 0x80;

    /// <summary>The longest trace context carried (a traceparent and a tracestate of at most 512 characters fit).</summary>
    public const int MaxTraceContextBytes = 1024;

    /// <summary>This undeliverable message, re-addressed to <paramref name="admin"/> as a dead letter for its original target.</summary>
    public Envelope AsDeadLetterFor(ActorId admin) => this with { Kind = EnvelopeKind.DeadLetter, Aux = Target, Target = admin };

    /// <summary>The encoded size of this envelope.</summary>
    public int EncodedLength => FixedHeaderLength + EndpointByteCount + TracePartLength + Body.Length;

    private int EndpointByteCount => SenderEndpoint is null ? 0 : Encoding.UTF8.GetByteCount(SenderEndpoint);

    /// <summary>The trace context's bytes on the wire (none without one, or with one too long to carry).</summary>
    private int TraceByteCount => TraceContext is null ? 0 : Encoding.UTF8.GetByteCount(TraceContext);

    private bool CarriesTrace => TraceContext is not null && TraceByteCount <= MaxTraceContextBytes;

    private int TracePartLength => CarriesTrace ? 2 + TraceByteCount : 0;

    /// <summary>Writes the envelope as one frame payload.</summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        WriteHeaderTo(writer);
        writer.Write(Body.Span);
    }

    /// <summary>
    /// Writes everything of the envelope but its body (which the caller sends after it, straight from
    /// <see cref="Body"/>, so that a large body is not copied).
    /// </summary>
    public void WriteHeaderTo(IBufferWriter<byte> writer)
    {
        var endpointBytes = EndpointByteCount;
        var tracePart = TracePartLength;
        var span = writer.GetSpan(FixedHeaderLength + endpointBytes + tracePart);
        span[0] = tracePart == 0 ? (byte)Kind : (byte)((byte)Kind | TraceFlag);
        Target.Write(span[1..]);
        Sender.Write(span[17..]);
        Aux.Write(span[33..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[49..], (ushort)endpointBytes);
        if (SenderEndpoint is not null)
        {
            Encoding.UTF8.GetBytes(SenderEndpoint, span[FixedHeaderLength..]);
        }

        if (tracePart != 0)
        {
            var traceStart = FixedHeaderLength + endpointBytes;
            BinaryPrimitives.WriteUInt16LittleEndian(span[traceStart..], (ushort)(tracePart - 2));
            Encoding.UTF8.GetBytes(TraceContext!, span[(traceStart + 2)..]);
        }

        writer.Advance(FixedHeaderLength + endpointBytes + tracePart);
    }

    /// <summary>
    /// Reads an envelope from a frame's payload. The body is a copy (so the frame buffer can be reused), unless
    /// <paramref name="keepBody"/> (the payload is an array of its own that nothing reuses): then it refers to the payload.
    /// </summary>
    /// <exception cref="WireProtocolException">The payload is not an envelope.</exception>
    public static Envelope Read(ReadOnlyMemory<byte> payload, bool keepBody)
    {
        var envelope = Read(payload.Span, out var bodyStart);
        return envelope.WithBody(keepBody ? payload[bodyStart..] : payload.Span[bodyStart..].ToArray());
    }

    private Envelope WithBody(ReadOnlyMemory<byte> body) => this with { Body = body };

    private static Envelope Read(ReadOnlySpan<byte> payload, out int bodyStart)
    {
        var kind = (EnvelopeKind)(payload.Length == 0 ? 0 : payload[0] & ~TraceFlag);
        if (payload.Length < FixedHeaderLength || !Enum.IsDefined(kind))
        {
            throw new WireProtocolException(WireViolation.BadHandshake,
                $"A frame of {payload.Length} bytes is not a Thespian envelope (bad header).");
        }

        var endpointLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[49..]);
        if (payload.Length < FixedHeaderLength + endpointLength)
        {
            throw new WireProtocolException(WireViolation.Truncated,
                "A Thespian envelope's sender endpoint runs past the end of its frame.");
        }

        bodyStart = FixedHeaderLength + endpointLength;
        var traceContext = (payload[0] & TraceFlag) == 0 ? null : ReadTraceContext(payload, ref bodyStart);
        return new Envelope(
            kind,
            ActorId.Read(payload[1..]),
            ActorId.Read(payload[17..]),
            ActorId.Read(payload[33..]),
            endpointLength == 0 ? null : Encoding.UTF8.GetString(payload.Slice(FixedHeaderLength, endpointLength)),
            ReadOnlyMemory<byte>.Empty,
            traceContext);
    }

    private static string ReadTraceContext(ReadOnlySpan<byte> payload, ref int position)
    {
        if (payload.Length < position + 2)
        {
            throw new WireProtocolException(WireViolation.Truncated, "A Thespian envelope's trace context runs past the end of its frame.");
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(payload[position..]);
        if (length > MaxTraceContextBytes || payload.Length < position + 2 + length)
        {
            throw new WireProtocolException(WireViolation.Truncated,
                $"A Thespian envelope's trace context ({length} bytes) is too long or runs past the end of its frame.");
        }

        var text = Encoding.UTF8.GetString(payload.Slice(position + 2, length));
        position += 2 + length;
        return text;
    }
}
