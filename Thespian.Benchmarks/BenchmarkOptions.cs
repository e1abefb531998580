namespace Thespian.Benchmarks;

/// <summary>What to run and how hard: parsed from the command line; <c>--quick</c> scales everything down.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Thespian.Benchmarks: measures an actor system base and prints a table (+ JSON).

        Usage:
          dotnet run -c Release --project Thespian.Benchmarks --artifacts-path DIR -- [options]

        Options:
          --base NAME        system base to measure (default simpleSystemBase)
          --scenario NAME    run only this scenario; repeat or comma-separate for several:
                               tell      (a) one-way tell throughput A->B
                               pingpong  (b) ping-pong round trips between two actors
                               ask       (c) external Ask latency and rate
                               create    (d) actor creation rate and memory per actor
                               dispatch  (e) ActorTypeDispatcher cost, DispatchTable lookups
          --quick            fast smoke run (~10 s): smaller counts, shorter warm-up, 3 repetitions
          --reps N           measured repetitions per figure (default 7; the median is reported)
          --json PATH        where to write the JSON results
                             (default BenchmarkResults/results-<base>-<UTC timestamp>.json)
          --help             this text

        Exit codes: 0 done, 1 a scenario failed, 2 bad arguments or unknown base, 3 not a Release build.
        """;

    /// <summary>Every scenario name, in the order they run.</summary>
    public static readonly IReadOnlyList<string> AllScenarios = ["tell", "pingpong", "ask", "create", "dispatch"];

    public string Base { get; init; } = SystemBaseNames.Simple;
    public bool Quick { get; init; }
    public bool Help { get; init; }
    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;
    public string? JsonPath { get; init; }
    public int Repetitions { get; init; } = 7;

    /// <summary>Each figure's code runs at least this long (and at least twice) before it is measured.</summary>
    public TimeSpan WarmupTime => Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(1);

    // (a) tell: two burst sizes; bursts of the small size are repeated to make each repetition ~TellBatch messages.
    public int TellSmall => 10_000;
    public int TellLarge => Quick ? 100_000 : 1_000_000;
    public int TellBatch => Quick ? 200_000 : 1_000_000;

    // (b) ping-pong round trips per repetition.
    public int RoundTrips => Quick ? 100_000 : 1_000_000;

    // (c) asks per repetition (each timed on its own).
    public int Asks => Quick ? 20_000 : 200_000;

    // (d) actors created per repetition.
    public int Actors => Quick ? 10_000 : 100_000;

    // (e) messages through each counter; iterations of each micro-measurement.
    public int DispatchMessages => Quick ? 100_000 : 1_000_000;
    public int MicroIterations => Quick ? 1_000_000 : 10_000_000;

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has a bad value.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var scenarios = new List<string>();
        int? reps = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    options = options with { Help = true };
                    break;
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--base":
                    options = options with { Base = Value(args, ref i) };
                    break;
                case "--json":
                    options = options with { JsonPath = Value(args, ref i) };
                    break;
                case "--reps":
                    reps = int.TryParse(Value(args, ref i), out var n) && n >= 1
                        ? n
                        : throw new ArgumentException($"--reps needs a whole number of at least 1, not '{args[i]}'.");
                    break;
                case "--scenario":
                    foreach (var name in Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        scenarios.Add(CanonicalScenario(name));
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'. Run with --help for the options.");
            }
        }

        return options with
        {
            Scenarios = scenarios.Count > 0 ? AllScenarios.Where(scenarios.Contains).ToArray() : AllScenarios,
            Repetitions = reps ?? (options.Quick ? 3 : 7),
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{args[i]} needs a value. Run with --help for the options.");
        }

        return args[++i];
    }

    private static string CanonicalScenario(string name) =>
        AllScenarios.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scenario '{name}'. The scenarios are: {string.Join(", ", AllScenarios)}.");
}
