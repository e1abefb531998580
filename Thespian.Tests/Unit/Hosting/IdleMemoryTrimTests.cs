using Thespian.Admin.Hosting;

namespace Thespian.Tests.Unit.Hosting;

public sealed class IdleMemoryTrimTests
{
    private const long MiB = 1024 * 1024;

    private static IdleMemoryTrim NewTrim() => new(quietFor: TimeSpan.FromSeconds(2), minimumAllocatedBytes: MiB);

    [Test]
    public void ShouldTrim_QuietLongEnoughAfterAllocating_TrimsOnce()
    {
        var trim = NewTrim();

        Assert.Multiple(() =>
        {
            Assert.That(trim.ShouldTrim(5 * MiB, 0), Is.False, "allocating is activity");
            Assert.That(trim.ShouldTrim(5 * MiB, 1_999), Is.False, "not quiet long enough yet");
            Assert.That(trim.ShouldTrim(5 * MiB, 2_000), Is.True, "quiet for 2 s after allocating 5 MiB");
            Assert.That(trim.ShouldTrim(5 * MiB, 2_250), Is.False, "once per quiet spell");
            Assert.That(trim.ShouldTrim(5 * MiB, 60_000), Is.False, "still the same quiet spell");
        });
    }

    [Test]
    public void ShouldTrim_AllocationBelowTheMinimum_NeverTrims()
    {
        var trim = NewTrim();

        Assert.Multiple(() =>
        {
            Assert.That(trim.ShouldTrim(MiB / 2, 0), Is.False);
            Assert.That(trim.ShouldTrim(MiB / 2, 10_000), Is.False, "half a MiB is not worth a collection");
        });
    }

    [Test]
    public void ShouldTrim_SteadyAllocation_WaitsUntilItStops()
    {
        var trim = NewTrim();

        for (var second = 0; second < 10; second++)
        {
            Assert.That(trim.ShouldTrim((second + 1) * MiB, second * 1_000), Is.False, $"busy at {second} s");
        }

        Assert.Multiple(() =>
        {
            Assert.That(trim.ShouldTrim(10 * MiB, 10_500), Is.False, "quiet for 1.5 s");
            Assert.That(trim.ShouldTrim(10 * MiB, 11_000), Is.True, "quiet for 2 s");
        });
    }

    [Test]
    public void ShouldTrim_SmallAllocationsWhileQuiet_StillCountAsQuiet()
    {
        var trim = NewTrim();
        trim.ShouldTrim(4 * MiB, 0);

        Assert.Multiple(() =>
        {
            Assert.That(trim.ShouldTrim(4 * MiB + 1_000, 1_000), Is.False, "a timer's few bytes");
            Assert.That(trim.ShouldTrim(4 * MiB + 2_000, 2_000), Is.True, "the quiet spell began at 0");
        });
    }

    [Test]
    public void ShouldTrim_SmallAllocationsAtEveryLook_DoNotAddUpToActivity()
    {
        var trim = NewTrim();
        var allocated = 4 * MiB;
        trim.ShouldTrim(allocated, 0);

        var trimmedAt = -1L;
        for (var now = 250L; now <= 5_000 && trimmedAt < 0; now += 250)
        {
            allocated += 10_000;
            if (trim.ShouldTrim(allocated, now))
            {
                trimmedAt = now;
            }
        }

        Assert.That(trimmedAt, Is.EqualTo(2_000), "10 kB per look is a quiet process's timers, however long it idles");
    }

    [Test]
    public void ShouldTrim_NewWorkAfterATrim_TrimsAgainWhenQuiet()
    {
        var trim = NewTrim();
        trim.ShouldTrim(2 * MiB, 0);
        Assert.That(trim.ShouldTrim(2 * MiB, 2_000), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(trim.ShouldTrim(6 * MiB, 3_000), Is.False, "busy again");
            Assert.That(trim.ShouldTrim(6 * MiB, 5_000), Is.True, "quiet again after 4 MiB more");
        });
    }

    [Test]
    public void Trim_AfterLargeGarbage_GivesTheHeapBack()
    {
        var garbage = new byte[64 * MiB];
        garbage[^1] = 1;
        garbage = null;
        var before = GC.GetGCMemoryInfo(GCKind.Any).Index;

        IdleMemoryTrim.Trim();

        var after = GC.GetGCMemoryInfo(GCKind.Any);
        Assert.Multiple(() =>
        {
            Assert.That(after.Index, Is.GreaterThan(before), "a collection ran");
            Assert.That(after.Generation, Is.EqualTo(2), "a full one");
            Assert.That(after.Compacted, Is.True, "compacting");
        });
    }
}
