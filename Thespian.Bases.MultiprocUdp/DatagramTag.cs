using System.Security.Cryptography;
using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>What a received datagram's tag says.</summary>
internal enum TagCheck
{
    /// <summary>Tagged, and the tag is right: the datagram (without its tag) may be read.</summary>
    Valid,

    /// <summary>Not tagged: its sender has no secret.</summary>
    Untagged,

    /// <summary>Tagged, but the tag is wrong: its sender has another secret, or the datagram was altered.</summary>
    Invalid,
}

/// <summary>
/// The tags of a system with a secret (no sockets here, so it is tested and fuzzed alone): every datagram's type byte has
/// <see cref="TaggedBit"/> set and the datagram ends with <c>HMAC-SHA256(datagram key, everything before the tag)</c>
/// truncated to <see cref="TagLength"/> bytes. A receiver checks it (in constant time) before it reads anything else, and
/// a system without a secret recognises a tagged datagram by the bit, so either side can say what is wrong.
/// </summary>
internal static class DatagramTag
{
    /// <summary>The bytes a tag adds to a datagram.</summary>
    public const int TagLength = 16;

    /// <summary>The bit of the type byte (offset 3) that marks a tagged datagram.</summary>
    public const byte TaggedBit = 0x80;

    private const int TypeOffset = 3;

    /// <summary>Whether a datagram says it is tagged (it is long enough to hold a header and has <see cref="TaggedBit"/>).</summary>
    public static bool IsTagged(ReadOnlySpan<byte> datagram) =>
        datagram.Length > TypeOffset && (datagram[TypeOffset] & TaggedBit) != 0;

    /// <summary>
    /// Tags <paramref name="datagram"/> into <paramref name="destination"/> (at least <see cref="TagLength"/> bytes longer):
    /// the datagram with the bit set, then its tag; returns the tagged length.
    /// </summary>
    public static int Write(SystemSecret secret, ReadOnlySpan<byte> datagram, Span<byte> destination)
    {
        datagram.CopyTo(destination);
        destination[TypeOffset] |= TaggedBit;
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret.DatagramKey, destination[..datagram.Length], mac);
        mac[..TagLength].CopyTo(destination[datagram.Length..]);
        return datagram.Length + TagLength;
    }

    /// <summary>
    /// Checks a received datagram's tag; when <see cref="TagCheck.Valid"/>, clears the bit in place and gives the length of
    /// the datagram without its tag (read only that much).
    /// </summary>
    public static TagCheck Check(SystemSecret secret, Span<byte> datagram, out int length)
    {
        length = 0;
        if (!IsTagged(datagram))
        {
            return TagCheck.Untagged;
        }

        if (datagram.Length < DatagramCodec.HeaderLength + TagLength)
        {
            return TagCheck.Invalid;
        }

        var body = datagram[..^TagLength];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret.DatagramKey, body, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..TagLength], datagram[^TagLength..]))
        {
            return TagCheck.Invalid;
        }

        datagram[TypeOffset] &= unchecked((byte)~TaggedBit);
        length = body.Length;
        return TagCheck.Valid;
    }
}
