using System.Buffers.Binary;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>Envelopes that carry their place in a sequence (in the sender's id), and acknowledgement counts as the wire has them.</summary>
internal static class NumberedEnvelopes
{
    /// <summary>Who the envelopes are for (no actor: the transports here only move them).</summary>
    public static readonly ActorId Target = new(7, 7);

    /// <summary>Envelope number <paramref name="sequence"/>, with <paramref name="body"/>.</summary>
    public static Envelope Numbered(int sequence, ReadOnlyMemory<byte> body = default) =>
        new(EnvelopeKind.Deliver, Target, new ActorId(0, (ulong)sequence), ActorId.Zero, null, body);

    /// <summary>Envelopes <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1.</summary>
    public static List<Envelope> Range(int first, int count) => Enumerable.Range(first, count).Select(i => Numbered(i)).ToList();

    /// <summary>Where the envelope is in its sequence.</summary>
    public static int SequenceOf(Envelope envelope) => (int)envelope.Sender.Lower;

    /// <summary>Acknowledgements as a receiver writes them: one little-endian 32-bit count each.</summary>
    public static byte[] Counts(params int[] counts)
    {
        var bytes = new byte[counts.Length * WireProtocol.FrameHeaderLength];
        for (var i = 0; i < counts.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * WireProtocol.FrameHeaderLength), counts[i]);
        }

        return bytes;
    }
}
