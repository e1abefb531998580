using Thespian.Fuzzing.Engine;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// A connection's bytes after the handshake, read by <see cref="FrameReader"/> (the receive buffer every TCP reader
/// shares, <see cref="FrameBuffer"/>) in the chunk sizes a socket might hand out, every frame read as an envelope.
/// The first two bytes of an input choose the chunk sizes; the rest is the stream. Refusal: <see cref="WireProtocolException"/>.
/// </summary>
internal sealed class FrameStreamTarget : FuzzTarget
{
    /// <summary>The largest frame accepted here: above <see cref="FrameBuffer.DetachedFrameBytes"/>, so large frames detach.</summary>
    public const int MaxFrameBytes = 256 * 1024;

    private static readonly int[][] ChunkPatterns =
    [
        [int.MaxValue], [1], [3, 1, 7], [4], [5, 64, 2], [4096], [65_536], [13, 1000, 1],
    ];

    public override string Name => "tcp-frames";

    public override string Description => "frames of [int32 length][envelope] through FrameReader/FrameBuffer in chunks";

    public override int MaxInputBytes => 96 * 1024;

    public override IReadOnlyList<FuzzSeed> CreateSeeds()
    {
        var envelopes = WireSeeds.Envelopes(WireSeeds.Bodies()).ToList();
        var seeds = new List<FuzzSeed>();
        for (var pattern = 0; pattern < ChunkPatterns.Length; pattern++)
        {
            var stream = new List<byte> { (byte)pattern, (byte)(pattern * 37) };
            var fields = new List<LengthField>();
            foreach (var envelope in envelopes.Skip(pattern % 3).Take(1 + (pattern % 4)))
            {
                fields.Add(new LengthField(stream.Count, 4));
                fields.Add(WireSeeds.EndpointLength(stream.Count + WireProtocol.FrameHeaderLength));
                stream.AddRange(WireSeeds.Frame(envelope));
            }

            seeds.Add(new FuzzSeed([.. stream], fields));
        }

        // A large frame (read into an array of its own).
        var large = WireSeeds.Envelope(EnvelopeKind.Deliver, null, new byte[FrameBuffer.DetachedFrameBytes + 100]);
        seeds.Add(new FuzzSeed([6, 0, .. WireSeeds.Frame(large)], [new LengthField(2, 4)]));
        return seeds;
    }

    public override IReadOnlyList<byte[]> Tokens => WireSeeds.Tokens;

    public override void Run(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        var pattern = ChunkPatterns[input[0] % ChunkPatterns.Length];
        var reader = new FrameReader(new ChunkedReadStream(input, 2, pattern), MaxFrameBytes, TimeSpan.FromSeconds(30));
        while (reader.ReadFrameAsync().AsTask().GetAwaiter().GetResult() is { } frame)
        {
            _ = Envelope.Read(frame, keepBody: false);
        }
    }

    public override bool IsClearError(Exception exception) => ClearErrors.IsWireRefusal(exception);

    /// <summary>Never more than the buffers of one frame of the maximum size (and the input's own copies).</summary>
    public override long AllocationLimit(int inputLength) => (3L * MaxFrameBytes) + (4L * inputLength) + (256 * 1024);
}
