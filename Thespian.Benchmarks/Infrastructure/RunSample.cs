using System.Diagnostics;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>One measured run: how long it took, how many bytes this thread allocated and how many collections happened meanwhile.</summary>
internal readonly record struct RunSample(long ElapsedTicks, long AllocatedBytes, int Collections)
{
    private static int s_timedCollections;

    /// <summary>Collections (of any generation) that happened inside timed runs, over the whole benchmark.</summary>
    public static int TimedCollections => s_timedCollections;

    public double Seconds => (double)ElapsedTicks / Stopwatch.Frequency;

    /// <summary>Runs <paramref name="action"/> once between two timestamps, two allocation counts and two collection counts.</summary>
    public static RunSample Of(Action action)
    {
        var collectionsBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        action();
        var elapsed = Stopwatch.GetTimestamp() - start;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;   // every collection includes gen0
        s_timedCollections += collections;
        return new(elapsed, allocated, collections);
    }

    /// <summary>Operations per second for <paramref name="operations"/> done in this run.</summary>
    public double Rate(long operations) => operations / Seconds;

    /// <summary>Nanoseconds per operation.</summary>
    public double NanosecondsEach(long operations) => Seconds * 1e9 / operations;

    /// <summary>Bytes allocated per operation.</summary>
    public double BytesEach(long operations) => (double)AllocatedBytes / operations;
}
