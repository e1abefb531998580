namespace Thespian.Benchmarks.Infrastructure;

/// <summary>Medians and percentiles.</summary>
internal static class Stats
{
    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The nearest-rank percentile of an ascending array: the smallest value with at least p% at or below it.</summary>
    public static long Percentile(long[] sorted, double percent)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The percentile of no values is undefined.", nameof(sorted));
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The nearest-rank percentile of an ascending array of doubles (see <see cref="Percentile(long[], double)"/>).</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The percentile of no values is undefined.", nameof(sorted));
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
