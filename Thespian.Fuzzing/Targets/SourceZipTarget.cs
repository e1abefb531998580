using Thespian.Fuzzing.Engine;
using Thespian.Sources;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// A source zip as the source catalog reads it (<see cref="SourceZipReader.Read"/>): the archive, every entry within the
/// unpacked budget, each assembly's identity from its metadata. Refusal: <see cref="InvalidActorSourceException"/>.
/// </summary>
internal sealed class SourceZipTarget : FuzzTarget
{
    public override string Name => "source-zip";

    public override string Description => "source zips: ZipArchive, bounded entries, PE/metadata identity";

    public override IReadOnlyList<FuzzSeed> CreateSeeds() => [.. SourceSeeds.Zips().Select(z => new FuzzSeed(z))];

    public override IReadOnlyList<byte[]> Tokens => SourceSeeds.Tokens;

    public override void Run(byte[] input) => _ = SourceZipReader.Read(input);

    public override bool IsClearError(Exception exception) => exception is InvalidActorSourceException;

    /// <summary>
    /// Entries are read into buffers sized from their declared length (capped at 16 MiB) and may inflate (deflate's
    /// ratio is at most about 1032:1).
    /// </summary>
    public override long AllocationLimit(int inputLength) => (16L * 1024 * 1024) + (2100L * inputLength) + (1024 * 1024);
}
