using System.Diagnostics;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>Warm-up, then measured repetitions.</summary>
internal static class Runner
{
    /// <summary>
    /// Runs <paramref name="run"/> until it has run at least twice and for the warm-up time (so that tiered
    /// compilation has promoted the hot code), then <see cref="BenchmarkOptions.Repetitions"/> more times,
    /// each after a full collection; returns the measured results.
    /// </summary>
    public static IReadOnlyList<T> Measure<T>(BenchmarkOptions options, Func<T> run)
    {
        WarmUp(options, () => run());
        var results = new List<T>(options.Repetitions);
        for (var i = 0; i < options.Repetitions; i++)
        {
            Settle();
            results.Add(run());
        }

        return results;
    }

    /// <summary>Runs <paramref name="run"/> at least twice and for at least the warm-up time (at most 1,000 times).</summary>
    public static void WarmUp(BenchmarkOptions options, Action run)
    {
        var start = Stopwatch.GetTimestamp();
        for (var runs = 0; runs < 2 || (Stopwatch.GetElapsedTime(start) < options.WarmupTime && runs < 1_000); runs++)
        {
            run();
        }
    }

    /// <summary>A full, compacting collection, so that one run's garbage is not collected during the next.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
