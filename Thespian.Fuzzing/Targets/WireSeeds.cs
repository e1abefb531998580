using System.Buffers;
using System.Text;
using Thespian.Fuzzing.Engine;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>Valid wire material made by the product's writers: envelopes, frames and handshakes.</summary>
internal static class WireSeeds
{
    /// <summary>Where an envelope's endpoint length sits (kind, three ids).</summary>
    public const int EnvelopeEndpointLengthOffset = 1 + (3 * ActorId.Size);

    /// <summary>An encoded envelope (as a frame payload).</summary>
    public static byte[] Envelope(EnvelopeKind kind, string? endpoint, byte[] body)
    {
        var writer = new ArrayBufferWriter<byte>();
        new Envelope(kind, new ActorId(0x1122334455667788, 0x99aabbccddeeff00), new ActorId(1, 2), new ActorId(3, 4), endpoint, body)
            .WriteTo(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Envelopes of every kind, with and without an endpoint, around the given bodies.</summary>
    public static IEnumerable<byte[]> Envelopes(IEnumerable<byte[]> bodies)
    {
        var kinds = Enum.GetValues<EnvelopeKind>();
        var i = 0;
        foreach (var body in bodies)
        {
            var kind = kinds[i % kinds.Length];
            yield return Envelope(kind, i % 3 == 0 ? null : "127.0.0.1:1900", body);
            i++;
        }
    }

    /// <summary>The declared length fields of an envelope at <paramref name="offset"/>.</summary>
    public static LengthField EndpointLength(int offset) => new(offset + EnvelopeEndpointLengthOffset, 2);

    /// <summary>A frame around <paramref name="payload"/>.</summary>
    public static byte[] Frame(byte[] payload)
    {
        var writer = new ArrayBufferWriter<byte>();
        FrameCodec.Write(writer, payload);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>A handshake greeting for <paramref name="role"/>.</summary>
    public static byte[] Hello(WireRole role)
    {
        var hello = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(hello, role);
        return hello;
    }

    /// <summary>A handshake answer.</summary>
    public static byte[] Reply(HandshakeStatus status)
    {
        var reply = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteReply(reply, status);
        return reply;
    }

    /// <summary>A few message bodies: JSON messages made by a real serializer and a raw byte[] message.</summary>
    public static IReadOnlyList<byte[]> Bodies() =>
    [
        MessageSamples.Serializer.Serialize("hello"),
        MessageSamples.Serializer.Serialize(new ActorExitRequest()),
        MessageSamples.Serializer.Serialize(new List<object> { 1, "two", 3.5, true }),
        MessageSamples.Serializer.Serialize(new byte[] { 1, 2, 3, 4, 5 }),
        [],
        Encoding.UTF8.GetBytes("{\"$type\":\"System.String, System.Private.CoreLib\"}"),
    ];

    /// <summary>Tokens of the wire format.</summary>
    public static IReadOnlyList<byte[]> Tokens { get; } =
    [
        "THSP"u8.ToArray(), [1, 0], [0xff, 0xff, 0xff, 0x7f], [0, 0, 0, 0x80], [0, 0, 1, 0], [0, 0, 0, 4],
        "127.0.0.1:1900"u8.ToArray(), "{\"$type\":\""u8.ToArray(),
    ];
}
