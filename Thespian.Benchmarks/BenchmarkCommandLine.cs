using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace Thespian.Benchmarks;

/// <summary>
/// The benchmark's options, parsed with System.CommandLine (as thespian-admin's are): typed values, repeatable
/// <c>--scenario</c>, and one clear message per mistake. <c>--help</c> prints <see cref="BenchmarkOptions.Usage"/>,
/// which also explains each scenario.
/// </summary>
internal static class BenchmarkCommandLine
{
    private static readonly Option<bool> Quick = new("--quick");
    private static readonly Option<bool> CompareTcp = new("--compare-tcp");
    private static readonly Option<string> Base = new("--base") { DefaultValueFactory = _ => SystemBaseNames.Simple };
    private static readonly Option<string?> Json = new("--json");
    private static readonly Option<LogLevel> Level = new("--log-level")
    {
        DefaultValueFactory = _ => LogLevel.Warning,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level))
            {
                return level;
            }

            result.AddError($"--log-level needs one of {string.Join(", ", Enum.GetNames<LogLevel>())}, not '{text}'.");
            return default;
        },
    };

    private static readonly Option<int?> Reps = new("--reps")
    {
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                return n;
            }

            result.AddError($"--reps needs a whole number of at least 1, not '{text}'.");
            return null;
        },
    };

    private static readonly Option<int?> FloodMessages = new("--flood-messages")
    {
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
            {
                return n;
            }

            result.AddError($"--flood-messages needs a whole number from 1 to {int.MaxValue}, not '{result.Tokens.Single().Value}'.");
            return null;
        },
    };

    private static readonly Option<string[]> Scenario = new("--scenario") { Arity = ArgumentArity.OneOrMore };

    private static readonly RootCommand Root = CreateRoot();

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has a bad value (all mistakes, one per line).</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var result = Root.Parse(args.ToArray());
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return new BenchmarkOptions { Help = true };
        }

        if (result.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)) +
                                        Environment.NewLine + "Run with --help for the options.");
        }

        var scenarios = (result.GetValue(Scenario) ?? [])
            .SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(CanonicalScenario)
            .ToList();
        var quick = result.GetValue(Quick);
        var reps = result.GetValue(Reps);
        return new BenchmarkOptions
        {
            Base = result.GetValue(Base)!,
            Quick = quick,
            CompareTcp = result.GetValue(CompareTcp),
            JsonPath = result.GetValue(Json),
            LogLevel = result.GetValue(Level),
            Scenarios = scenarios.Count > 0 ? BenchmarkOptions.AllScenarios.Where(scenarios.Contains).ToArray() : BenchmarkOptions.SimpleScenarios,
            ScenariosChosen = scenarios.Count > 0,
            Repetitions = reps ?? (quick ? 3 : 7),
            RepetitionsChosen = reps is not null,
            FloodMessagesChosen = result.GetValue(FloodMessages),
        };
    }

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand("Thespian.Benchmarks: measures an actor system base and prints a table (+ JSON).");
        foreach (var option in new Option[] { Quick, CompareTcp, Base, Json, Level, Reps, FloodMessages, Scenario })
        {
            root.Options.Add(option);
        }

        return root;
    }

    private static string CanonicalScenario(string name) =>
        BenchmarkOptions.AllScenarios.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scenario '{name}'. The scenarios are: {string.Join(", ", BenchmarkOptions.AllScenarios)}.");
}
