namespace Thespian.Fuzzing.Engine;

/// <summary>A field of a seed whose value is a length or count (the mutator edits these on purpose).</summary>
/// <param name="Offset">Where the field starts.</param>
/// <param name="Width">Its width in bytes: 1, 2, 4 or 8 (little-endian).</param>
public readonly record struct LengthField(int Offset, int Width);

/// <summary>A valid input made by the product's writers, and where its length fields are.</summary>
/// <param name="Bytes">The input.</param>
/// <param name="Fields">Its length and count fields (may be empty: the mutator also finds plausible ones itself).</param>
public sealed record FuzzSeed(byte[] Bytes, IReadOnlyList<LengthField> Fields)
{
    /// <summary>A seed without declared fields.</summary>
    public FuzzSeed(byte[] bytes)
        : this(bytes, [])
    {
    }
}
