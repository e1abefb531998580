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
/// endpoint) and the body, opaque to anything that only routes it (the admin never reads user bodies).
/// Layout: <c>kind(1) target(16) sender(16) aux(16) endpointLength(2) endpoint(UTF-8) body</c>.
/// </summary>
internal readonly record struct Envelope(EnvelopeKind Kind, ActorId Target, ActorId Sender, ActorId Aux,
                                         string? SenderEndpoint, ReadOnlyMemory<byte> Body)
{
    private const int FixedHeaderLength = 1 + 16 + 16 + 16 + 2;

    /// <summary>This undeliverable message, re-addressed to <paramref name="admin"/> as a dead letter for its original target.</summary>
    public Envelope AsDeadLetterFor(ActorId admin) => this with { Kind = EnvelopeKind.DeadLetter, Aux = Target, Target = admin };

    /// <summary>The encoded size of this envelope.</summary>
    public int EncodedLength => FixedHeaderLength + EndpointByteCount + Body.Length;

    private int EndpointByteCount => SenderEndpoint is null ? 0 : Encoding.UTF8.GetByteCount(SenderEndpoint);

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
        var span = writer.GetSpan(FixedHeaderLength + endpointBytes);
        span[0] = (byte)Kind;
        Target.Write(span[1..]);
        Sender.Write(span[17..]);
        Aux.Write(span[33..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[49..], (ushort)endpointBytes);
        if (SenderEndpoint is not null)
        {
            Encoding.UTF8.GetBytes(SenderEndpoint, span[FixedHeaderLength..]);
        }

        writer.Advance(FixedHeaderLength + endpointBytes);
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
        if (payload.Length < FixedHeaderLength || !Enum.IsDefined((EnvelopeKind)payload[0]))
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
        return new Envelope(
            (EnvelopeKind)payload[0],
            ActorId.Read(payload[1..]),
            ActorId.Read(payload[17..]),
            ActorId.Read(payload[33..]),
            endpointLength == 0 ? null : Encoding.UTF8.GetString(payload.Slice(FixedHeaderLength, endpointLength)),
            ReadOnlyMemory<byte>.Empty);
    }
}
