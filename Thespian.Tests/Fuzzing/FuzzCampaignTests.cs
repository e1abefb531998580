using Thespian.Fuzzing.Canaries;
using Thespian.Fuzzing.Engine;

namespace Thespian.Tests.Fuzzing;

/// <summary>The fuzz campaign reports what it is there to find (so a clean run means something).</summary>
[NonParallelizable] // The canary counter is the process's: no other fuzz run may count at the same time.
public sealed class FuzzCampaignTests
{
    [Test]
    public void Mutator_SameSeed_MakesTheSameInputs()
    {
        FuzzSeed[] seeds = [new([1, 2, 3, 4, 5, 6, 7, 8], [new LengthField(0, 4)]), new("THSP\u0001\0\u0003\0"u8.ToArray())];

        var first = new Mutator(seeds, [[0xff]], 1024, 7);
        var second = new Mutator(seeds, [[0xff]], 1024, 7);
        var inputs = Enumerable.Range(0, 500).Select(_ => first.Next()).ToList();

        Assert.That(inputs, Is.EqualTo(Enumerable.Range(0, 500).Select(_ => second.Next()).ToList()));
        Assert.That(inputs.Distinct(new BytesComparer()).Count(), Is.GreaterThan(250));
        Assert.That(inputs.All(i => i.Length <= 1024));
    }

    [Test]
    public void Run_TargetThatMisbehaves_CountsCrashesHangsInstantiationsAndAllocations()
    {
        using var target = new MisbehavingTarget();

        var result = FuzzCampaign.Run(target, new FuzzOptions(1, 3_000, TimeSpan.FromMilliseconds(50)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Inputs, Is.EqualTo(3_000));
            Assert.That(result.Crashes, Is.Positive);
            Assert.That(result.Refused, Is.Positive);
            Assert.That(result.Hangs, Is.Positive);
            Assert.That(result.Instantiations, Is.Positive);
            Assert.That(result.OverAllocations, Is.Positive);
            Assert.That(result.Findings.Select(f => f.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<FindingKind>()));
        });
    }

    /// <summary>Refuses some inputs clearly, crashes on others, sleeps, makes a canary, allocates: by the input's first byte.</summary>
    private sealed class MisbehavingTarget : FuzzTarget
    {
        public override string Name => "misbehaving";

        public override string Description => "a target with every kind of defect";

        public override IReadOnlyList<FuzzSeed> CreateSeeds() => [new([0, 1, 2, 3]), new([10, 20, 30])];

        public override long Instantiations => Canary.Instantiations;

        public override void Run(byte[] input)
        {
            switch (input.Length == 0 ? 0 : input[0] % 40)
            {
                case 1:
                    throw new InvalidDataException("refused");
                case 2:
                    throw new NullReferenceException("crash");
                case 3:
                    Thread.Sleep(80);
                    break;
                case 4:
                    _ = new FuzzCanary();
                    break;
                case 5:
                    GC.KeepAlive(new byte[2 * 1024 * 1024]);
                    break;
            }
        }

        public override bool IsClearError(Exception exception) => exception is InvalidDataException;

        public override long AllocationLimit(int inputLength) => 1024 * 1024;
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj.Length, obj[0], obj[^1]);
    }
}
