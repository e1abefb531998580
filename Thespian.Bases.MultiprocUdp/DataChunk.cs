namespace Thespian.Bases.MultiprocUdp;

/// <summary>What a chunk of a data datagram holds.</summary>
internal enum ChunkKind : byte
{
    /// <summary>A whole envelope.</summary>
    Whole = 1,

    /// <summary>A piece of an envelope too large for one datagram.</summary>
    Fragment = 2,
}

/// <summary>
/// One chunk of a data datagram, as positions in the datagram (so the caller slices whatever memory holds it).
/// </summary>
/// <param name="Kind">Whole envelope or fragment.</param>
/// <param name="Start">Where the chunk's bytes start in the datagram.</param>
/// <param name="Length">How many bytes the chunk carries.</param>
/// <param name="Total">For a fragment, the whole envelope's length; for a whole envelope, <paramref name="Length"/>.</param>
/// <param name="Offset">For a fragment, where its bytes go in the envelope; 0 for a whole envelope.</param>
internal readonly record struct DataChunk(ChunkKind Kind, int Start, int Length, int Total, int Offset)
{
    /// <summary>Whether this chunk finishes an envelope (a whole one, or the last fragment).</summary>
    public bool EndsEnvelope => Kind == ChunkKind.Whole || Offset + Length == Total;
}
