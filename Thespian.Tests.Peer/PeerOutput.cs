using System.Diagnostics;
using System.Globalization;

namespace Thespian.Tests.Peer;

/// <summary>
/// How the peer's commands report: "key=value" lines on stdout, printed the moment they are known, and phases that
/// print "phase.seconds=" when they end and "phase.error=..." when they throw (so a test sees how far a run got).
/// </summary>
internal static class PeerOutput
{
    /// <summary>Runs one phase; returns whether it ran to its end without an exception.</summary>
    /// <param name="name">The phase's name, the prefix of its keys.</param>
    /// <param name="run">What it does.</param>
    public static bool Phase(string name, Action run)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            run();
            return true;
        }
        catch (Exception ex)
        {
            Print($"{name}.error", $"{ex.GetType().FullName}: {ex.Message}".ReplaceLineEndings(" "));
            return false;
        }
        finally
        {
            Print($"{name}.seconds", Seconds(watch));
        }
    }

    /// <summary>Prints "key=value" (invariant culture).</summary>
    public static void Print(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));

    /// <summary>The elapsed time in seconds, as printed ("1.234").</summary>
    public static string Seconds(Stopwatch watch) => watch.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A value as a report shows it: its type and text, or "nothing (timed out)".</summary>
    public static string Describe(object? value) => value is null ? "nothing (timed out)" : $"{value.GetType().Name} {value}";
}
