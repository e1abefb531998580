using System.Buffers;
using System.Buffers.Binary;

namespace Thespian.Wire;

/// <summary>What <see cref="FrameCodec.TryParse"/> found at the start of a buffer.</summary>
internal enum FrameParseResult
{
    /// <summary>A whole frame is there.</summary>
    Frame,

    /// <summary>The buffer holds only the start of a frame (or nothing).</summary>
    NeedMoreData,

    /// <summary>The length prefix is negative or above the maximum: the connection must close.</summary>
    TooLarge,
}

/// <summary>
/// Frames: <c>[int32 little-endian payload length][payload]</c>. Knows no sockets, so every transport
/// shares it and it is tested alone. A length is checked against the maximum before anything is allocated.
/// </summary>
internal static class FrameCodec
{
    /// <summary>Looks for one frame at the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Received bytes.</param>
    /// <param name="maxFrameBytes">The largest payload accepted.</param>
    /// <param name="payloadLength">The payload's length (also set for <see cref="FrameParseResult.TooLarge"/>).</param>
    public static FrameParseResult TryParse(ReadOnlySpan<byte> buffer, int maxFrameBytes, out int payloadLength)
    {
        payloadLength = 0;
        if (buffer.Length < WireProtocol.FrameHeaderLength)
        {
            return FrameParseResult.NeedMoreData;
        }

        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        if (payloadLength < 0 || payloadLength > maxFrameBytes)
        {
            return FrameParseResult.TooLarge;
        }

        return buffer.Length - WireProtocol.FrameHeaderLength >= payloadLength
            ? FrameParseResult.Frame
            : FrameParseResult.NeedMoreData;
    }

    /// <summary>Appends one frame (header and payload) to <paramref name="writer"/>.</summary>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload)
    {
        var destination = writer.GetSpan(WireProtocol.FrameHeaderLength + payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination, payload.Length);
        payload.CopyTo(destination[WireProtocol.FrameHeaderLength..]);
        writer.Advance(WireProtocol.FrameHeaderLength + payload.Length);
    }

    /// <summary>Appends one frame holding <paramref name="envelope"/>, written in place (no intermediate copy).</summary>
    public static void Write(IBufferWriter<byte> writer, in Envelope envelope)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(WireProtocol.FrameHeaderLength), envelope.EncodedLength);
        writer.Advance(WireProtocol.FrameHeaderLength);
        envelope.WriteTo(writer);
    }

    /// <summary>
    /// Appends the start of a frame holding <paramref name="envelope"/>: everything but the body, which the caller writes
    /// right after it (a large body is then sent from where it is, not copied).
    /// </summary>
    public static void WriteAllButBody(IBufferWriter<byte> writer, in Envelope envelope)
    {
        BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(WireProtocol.FrameHeaderLength), envelope.EncodedLength);
        writer.Advance(WireProtocol.FrameHeaderLength);
        envelope.WriteHeaderTo(writer);
    }

    /// <summary>The error for a frame above the maximum, naming the setting to change.</summary>
    public static WireProtocolException TooLarge(int payloadLength, int maxFrameBytes) => new(
        WireViolation.FrameTooLarge,
        payloadLength < 0
            ? $"A frame announced a negative length ({payloadLength}): the peer is not speaking the Thespian wire protocol."
            : $"A frame of {payloadLength} bytes exceeds the maximum of {maxFrameBytes} bytes; raise the capability " +
              $"\"{WireProtocol.MaxMessageSizeCapability}\" if messages this large are intended.");
}
