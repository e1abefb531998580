using System.Diagnostics;

namespace Thespian.Benchmarks.Results;

/// <summary>The process's memory and collections after the run.</summary>
internal sealed record ProcessSnapshot(
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    long GcHeapSizeBytes,
    long GcCommittedBytes,
    long GcTotalMemoryBytes,
    long TotalAllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    int TimedCollections,
    double GcPauseMilliseconds)
{
    /// <summary>Reads the figures as the run left them (no collection is forced).</summary>
    public static ProcessSnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new(
            Environment.WorkingSet,
            process.PeakWorkingSet64,
            gc.HeapSizeBytes,
            gc.TotalCommittedBytes,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            Infrastructure.RunSample.TimedCollections,
            GC.GetTotalPauseDuration().TotalMilliseconds);
    }

    /// <summary>The snapshot as table rows.</summary>
    public IEnumerable<Figure> ToFigures()
    {
        const string Scenario = "process";
        Figure Row(string key, string name, double value, string unit, string? note = null) =>
            new(Scenario, $"{Scenario}.{key}", name, value, unit, [value]) { Note = note };

        const double MiB = 1024 * 1024;
        yield return Row("workingset", "working set after the run", WorkingSetBytes / MiB, "MiB");
        yield return Row("peakworkingset", "peak working set", PeakWorkingSetBytes / MiB, "MiB");
        yield return Row("gcheap", "GC heap size (at the last collection)", GcHeapSizeBytes / MiB, "MiB");
        yield return Row("gccommitted", "GC committed memory", GcCommittedBytes / MiB, "MiB");
        yield return Row("gctotalmemory", "GC.GetTotalMemory(false) after the run", GcTotalMemoryBytes / MiB, "MiB");
        yield return Row("allocated", "allocated during the whole run", TotalAllocatedBytes / MiB, "MiB");
        yield return Row("gen0", "gen0 collections", Gen0Collections, "count",
                         "including the forced collections between repetitions");
        yield return Row("gen1", "gen1 collections", Gen1Collections, "count");
        yield return Row("gen2", "gen2 collections", Gen2Collections, "count");
        yield return Row("timedcollections", "collections during timed runs", TimedCollections, "count",
                         "collections of any generation that happened while a figure was being timed");
        yield return Row("gcpause", "total GC pause time", GcPauseMilliseconds, "ms");
    }
}
