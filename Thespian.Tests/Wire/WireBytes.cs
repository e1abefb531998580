using System.Buffers.Binary;
using System.Text;

namespace Thespian.Tests.Wire;

/// <summary>Frames built by hand (not with FrameCodec), so reader tests do not trust the writer they test against.</summary>
internal static class WireBytes
{
    public static byte[] Header(int payloadLength)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, payloadLength);
        return header;
    }

    public static byte[] Frame(byte[] payload) => [.. Header(payload.Length), .. payload];

    public static byte[] Frame(string text) => Frame(Encoding.UTF8.GetBytes(text));

    public static byte[] Frames(params IEnumerable<byte[]> payloads) => [.. payloads.SelectMany(Frame)];

    /// <summary>A payload whose every byte depends on its position, so a misplaced byte shows.</summary>
    public static byte[] Pattern(int length, int seed = 0)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + (i >> 8) + seed);
        }

        return bytes;
    }

    public static IEnumerable<byte[]> OneByteChunks(byte[] bytes) => bytes.Select(b => new[] { b });
}
