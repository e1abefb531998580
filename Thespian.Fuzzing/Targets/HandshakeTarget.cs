using Thespian.Fuzzing.Engine;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// Every handshake message reader (<see cref="HandshakeReaders.All"/>): the first byte of an input picks the reader, the
/// rest is the message. Refusal: <see cref="WireProtocolException"/>.
/// </summary>
internal sealed class HandshakeTarget : FuzzTarget
{
    public override string Name => "handshake";

    public override string Description => $"handshake readers: {string.Join(", ", HandshakeReaders.All.Select(r => r.Name))}";

    public override int MaxInputBytes => 1024;

    public override IReadOnlyList<FuzzSeed> CreateSeeds() =>
    [
        .. HandshakeReaders.All.SelectMany((reader, i) => reader.Seeds.Select(seed => new FuzzSeed([(byte)i, .. seed]))),
    ];

    public override IReadOnlyList<byte[]> Tokens => WireSeeds.Tokens;

    public override void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        HandshakeReaders.All[input[0] % HandshakeReaders.All.Count].Read(input[1..]);
    }

    public override bool IsClearError(Exception exception) => ClearErrors.IsWireRefusal(exception);

    public override long AllocationLimit(int inputLength) => (16L * inputLength) + (64 * 1024);
}
