using Thespian.Fuzzing;
using Thespian.Fuzzing.Engine;

namespace Thespian.Tests.Fuzzing;

/// <summary>
/// A short seeded fuzz run of every target (Thespian.Fuzzing; the runner thespian-fuzz does millions): the same inputs
/// every time, and none of them may crash a reader, hang it, instantiate a type outside the allow-list or allocate beyond
/// the target's limit.
/// </summary>
[NonParallelizable]
public sealed class FuzzSeededRunTests
{
    private const int Seed = 20_240_601;

    /// <summary>Inputs per target: fewer where each input costs a connection or a signature.</summary>
    private static readonly Dictionary<string, int> Inputs = new()
    {
        ["tcp-frames"] = 5_000, ["tcp-socket"] = 2_000, ["handshake"] = 20_000, ["envelope"] = 20_000,
        ["udp-datagrams"] = 20_000, ["source-zip"] = 5_000, ["signed-package"] = 2_000, ["signed-fields"] = 1_000,
    };

    private static IEnumerable<string> Targets => FuzzTargets.Names;

    [Test]
    public void EveryTarget_HasAnInputCount() => Assert.That(Inputs.Keys, Is.EquivalentTo(FuzzTargets.Names));

    [TestCaseSource(nameof(Targets))]
    public void SeededRun_FindsNoCrashHangInstantiationOrOverAllocation(string name)
    {
        using var target = FuzzTargets.Create(name);

        var result = FuzzCampaign.Run(target, new FuzzOptions(Seed, Inputs[name], TimeSpan.FromSeconds(2)));

        Assert.Multiple(() =>
        {
            Assert.That(result.Inputs, Is.EqualTo(Inputs[name]));
            Assert.That(result.Findings, Is.Empty, () => string.Join("\n", result.Findings));
            Assert.That((result.Crashes, result.Hangs, result.Instantiations, result.OverAllocations), Is.EqualTo((0L, 0L, 0L, 0L)));
        });
    }

    [TestCaseSource(nameof(Targets))]
    public void Seeds_AreAcceptedOrRefusedClearly(string name)
    {
        using var target = FuzzTargets.Create(name);

        var findings = target.CreateSeeds().Select(seed => FuzzCampaign.Replay(target, seed.Bytes, TimeSpan.FromSeconds(2))).OfType<FuzzFinding>();

        Assert.That(findings, Is.Empty);
    }
}
