using System.Globalization;
using System.Text;

namespace Thespian.Benchmarks.Results;

/// <summary>The results as a plain-text table.</summary>
internal static class TableReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(ResultSet results, MachineInfo machine)
    {
        var options = results.Options;
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Thespian.Benchmarks — {options.Base}{(options.Quick ? " (quick)" : "")}, " +
                                   $"median of {options.Repetitions} repetitions after warm-up");
        text.AppendLine(Invariant, $"{machine.ProcessorCount} CPUs, {machine.Os}, {machine.Framework}, " +
                                   $"{machine.BuildConfiguration}, commit {machine.GitCommit?[..12] ?? "unknown"}");
        text.AppendLine(Invariant, $"Load average at start {results.LoadAtStart ?? "unknown"}; at end {results.LoadAtEnd ?? "unknown"}");
        text.AppendLine();

        string[] header = ["Scenario", "Figure", "Value", "Unit", "Goal", "Met", "Python 4.0.1"];
        var rows = results.Figures.Select(f => new[]
        {
            f.Scenario, f.Name, FormatValue(f.Value, f.Unit), f.Unit, f.Goal?.Text ?? "",
            f.MeetsGoal switch { true => "ok", false => "MISS", null => "" }, f.Python ?? "",
        }).ToList();
        var widths = Enumerable.Range(0, header.Length)
                               .Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max())
                               .ToArray();

        AppendRow(text, header, widths);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        string? previous = null;
        foreach (var row in rows)
        {
            if (previous is not null && row[0] != previous)
            {
                text.AppendLine();
            }

            AppendRow(text, row[0] == previous ? ["", .. row[1..]] : row, widths);
            previous = row[0];
        }

        foreach (var failed in results.Scenarios.Where(s => s.Error is not null))
        {
            text.AppendLine().AppendLine(Invariant, $"FAILED {failed.Name}: {failed.Error}");
        }

        if (results.ExitCheck is { } exitCheck)
        {
            text.AppendLine().AppendLine(exitCheck.ToString());
        }

        text.AppendLine().AppendLine(Invariant, $"Total time {results.Duration.TotalSeconds:0.0} s.");
        return text.ToString();
    }

    /// <summary>A value with as many digits as are worth reading: rates as 12.3M or 456.7k, others by size.</summary>
    public static string FormatValue(double value, string unit)
    {
        var magnitude = Math.Abs(value);
        if (unit.EndsWith("/s", StringComparison.Ordinal))
        {
            return magnitude switch
            {
                >= 1e6 => (value / 1e6).ToString("0.00", Invariant) + "M",
                >= 1e3 => (value / 1e3).ToString("0.0", Invariant) + "k",
                _ => value.ToString("0", Invariant),
            };
        }

        return magnitude switch
        {
            >= 1_000 => value.ToString("#,0", Invariant),
            _ when value == Math.Round(value) => value.ToString("0", Invariant),
            >= 100 => value.ToString("0.0", Invariant),
            >= 10 => value.ToString("0.00", Invariant),
            _ => value.ToString("0.000", Invariant),
        };
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        // Values are right-aligned, everything else left-aligned.
        var padded = cells.Select((cell, c) => c == 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        text.Append(string.Join("  ", padded).TrimEnd()).Append('\n');
    }
}
