using System.Buffers.Binary;
using System.Globalization;

namespace Thespian;

/// <summary>
/// The 128-bit random identity of an <see cref="ActorAddress"/>, held as two 64-bit halves. It is not a
/// <see cref="UInt128"/> on purpose: that type's layout is not stable across runtime versions, so crossgen2 leaves
/// every method whose signature or fields mention it (and every type that holds one) to the just-in-time compiler,
/// and each actor process would compile Thespian's hot paths again at every start.
/// </summary>
internal readonly struct ActorId : IEquatable<ActorId>
{
    /// <summary>The size of an identity on the wire: 16 bytes, little-endian (the lower half first).</summary>
    public const int Size = 16;

    /// <summary>The number of hexadecimal digits of <see cref="ToHex"/>.</summary>
    public const int HexDigits = 32;

    public ActorId(ulong upper, ulong lower)
    {
        Upper = upper;
        Lower = lower;
    }

    /// <summary>The most significant 64 bits.</summary>
    public ulong Upper { get; }

    /// <summary>The least significant 64 bits.</summary>
    public ulong Lower { get; }

    /// <summary>The all-zero identity (no actor has it).</summary>
    public static ActorId Zero => default;

    /// <summary>Reads an identity written by <see cref="Write"/>.</summary>
    public static ActorId Read(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(source[8..]), BinaryPrimitives.ReadUInt64LittleEndian(source));

    /// <summary>Writes the identity as 16 little-endian bytes (the same bytes as a little-endian 128-bit integer).</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Lower);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Upper);
    }

    /// <summary>The identity as 32 lower-case hexadecimal digits, most significant first.</summary>
    public string ToHex() => string.Create(CultureInfo.InvariantCulture, $"{Upper:x16}{Lower:x16}");

    /// <summary>Parses 1 to 32 hexadecimal digits (no prefix, sign or white space), as <see cref="ToHex"/> writes them.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> text, out ActorId id)
    {
        id = default;
        if (text.IsEmpty || text.Length > HexDigits)
        {
            return false;
        }

        var split = Math.Max(0, text.Length - (HexDigits / 2));
        ulong upper = 0;
        if ((split > 0 && !ulong.TryParse(text[..split], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out upper)) ||
            !ulong.TryParse(text[split..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var lower))
        {
            return false;
        }

        id = new ActorId(upper, lower);
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ActorId other) => Upper == other.Upper && Lower == other.Lower;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorId other && Equals(other);

    /// <summary>Identities are random, so folding the halves spreads them well.</summary>
    public override int GetHashCode() => (Upper ^ Lower).GetHashCode();

    /// <inheritdoc />
    public override string ToString() => ToHex();

    public static bool operator ==(ActorId left, ActorId right) => left.Equals(right);

    public static bool operator !=(ActorId left, ActorId right) => !left.Equals(right);
}
