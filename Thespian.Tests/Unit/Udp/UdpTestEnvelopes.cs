using Thespian.Wire;

namespace Thespian.Tests.Unit.Udp;

/// <summary>Envelopes for transport tests: numbered (in <see cref="Envelope.Aux"/>), with bodies whose bytes can be checked.</summary>
internal static class UdpTestEnvelopes
{
    public static Envelope Numbered(long number, int bodyBytes = 32, string? senderEndpoint = "127.0.0.1:1")
    {
        var body = new byte[bodyBytes];
        Fill(body, number);
        return new Envelope(EnvelopeKind.Deliver, new ActorId(1, 2), new ActorId(3, 4), new ActorId(0, (ulong)number),
                            senderEndpoint, body);
    }

    public static long NumberOf(Envelope envelope) => (long)envelope.Aux.Lower;

    /// <summary>Whether the body holds the bytes <see cref="Numbered"/> put there.</summary>
    public static bool BodyIntact(Envelope envelope)
    {
        var expected = new byte[envelope.Body.Length];
        Fill(expected, NumberOf(envelope));
        return envelope.Body.Span.SequenceEqual(expected);
    }

    private static void Fill(byte[] body, long number)
    {
        var seed = (uint)(number * 2654435761L);
        for (var i = 0; i < body.Length; i++)
        {
            seed = (seed * 1103515245) + 12345;
            body[i] = (byte)(seed >> 16);
        }
    }
}
