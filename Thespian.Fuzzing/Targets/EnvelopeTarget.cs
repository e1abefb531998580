using Newtonsoft.Json;
using Thespian.Fuzzing.Canaries;
using Thespian.Fuzzing.Engine;
using Thespian.Wire;

namespace Thespian.Fuzzing.Targets;

/// <summary>
/// A frame's payload as a process reads it: the envelope header (<see cref="Envelope.Read(ReadOnlyMemory{byte}, bool)"/>),
/// then its body deserialized by the <see cref="WireSerializer"/> with the allow-list binder. Refusals:
/// <see cref="WireProtocolException"/> (header) and <see cref="JsonException"/> (body) — unless a JsonException only wraps
/// a programming error (null reference, index out of range), which counts as a crash. Instantiations: the canary types'
/// constructors and setters, plus every sender-chosen type in the decoded message that the allow-list does not allow.
/// </summary>
internal sealed class EnvelopeTarget : FuzzTarget
{
    private long _outsideFound;

    public override string Name => "envelope";

    public override string Description => "envelope header + JSON body through the allow-list binder";

    public override IReadOnlyList<FuzzSeed> CreateSeeds() =>
        [.. WireSeeds.Envelopes(MessageSamples.Bodies()).Select(e => new FuzzSeed(e, [WireSeeds.EndpointLength(0)]))];

    public override IReadOnlyList<byte[]> Tokens => MessageSamples.Tokens;

    public override long Instantiations => Canary.Instantiations + Interlocked.Read(ref _outsideFound);

    public override void Run(byte[] input)
    {
        var envelope = Envelope.Read(input, keepBody: false);
        var message = MessageSamples.Serializer.Deserialize(envelope.Body.Span);
        var outside = AllowListAudit.CountOutside(message, MessageSamples.DecodingAllowList);
        if (outside > 0)
        {
            Interlocked.Add(ref _outsideFound, outside);
        }
    }

    public override bool IsClearError(Exception exception) => ClearErrors.IsWireRefusal(exception) || ClearErrors.IsMessageRefusal(exception);

    /// <summary>The body is copied and decoded (chars, tokens, values): bounded by a multiple of the input's size.</summary>
    public override long AllocationLimit(int inputLength) => (256L * inputLength) + (4 * 1024 * 1024);
}
