using System.Diagnostics;
using System.Reflection;
using Thespian.Benchmarks.Infrastructure;
using Thespian.Benchmarks.Results;
using Thespian.Benchmarks.Scenarios;

namespace Thespian.Benchmarks;

/// <summary>Runs the chosen scenarios on the chosen base, prints the table and writes the JSON.</summary>
internal static class Program
{
    private static readonly IScenario[] SimpleScenarios =
    [
        new TellThroughputScenario(), new PingPongScenario(), new AskLatencyScenario(), new CreationScenario(),
        new DispatcherScenario(), new SourceScenario(),
    ];

    private static readonly IScenario[] MultiprocScenarios =
    [
        new StartScenario(), new AskLatencyScenario(), new PingPongScenario(), new TellThroughputScenario(),
        new MultiprocCreationScenario(), new EchoScenario(), new MemoryScenario(), new SourceScenario(),
        new ConventionScenario(), new ChaosScenario(), new TroupeChurnScenario(), new FloodScenario(),   // only when named (BenchmarkOptions.MultiprocOnRequest)
    ];

    /// <summary>How long the final check waits for processes to finish exiting.</summary>
    private static readonly TimeSpan ExitWait = TimeSpan.FromSeconds(10);

    public static int Main(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchmarkOptions.Usage);
            return 0;
        }

        SystemLease.MultiprocLogDefs = SystemLease.MultiprocLogDefs with { MinimumLevel = options.LogLevel };
        if (!IsOptimized(typeof(Program).Assembly) || !IsOptimized(typeof(ActorSystem).Assembly))
        {
            Console.Error.WriteLine("WARNING: this is a Debug build (JIT optimizer disabled): its figures would mean nothing. " +
                                    "Run with -c Release.");
            return 3;
        }

        // Check the base before anything else: an unknown name (or a scenario it does not have) is a usage error.
        // On a multiproc base this starts (and shuts down) a whole system: it fails early and clearly when the
        // admin cannot be launched.
        var loadAtStart = ProcFs.LoadAverage();
        try
        {
            string canonical;
            using (var probe = new SystemLease(options.Base))
            {
                canonical = probe.System.SystemBaseName;
            }

            options = options.ForBase(canonical);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
        catch (ActorSystemException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        var machine = MachineInfo.Collect();
        var results = new ResultSet(options, DateTimeOffset.UtcNow) { LoadAtStart = loadAtStart };
        var total = Stopwatch.StartNew();
        var chosen = (options.Multiproc ? MultiprocScenarios : SimpleScenarios)
                     .Where(s => options.Scenarios.Contains(s.Name)).ToArray();
        for (var i = 0; i < chosen.Length; i++)
        {
            Console.Error.WriteLine($"[{i + 1}/{chosen.Length}] {chosen[i].Title}  (load {ProcFs.LoadAverage()})");
            results.Add(Run(chosen[i], options, results));
        }

        results.Duration = total.Elapsed;
        results.LoadAtEnd = ProcFs.LoadAverage();
        if (ProcessTracker.Used)
        {
            results.ExitCheck = ProcessTracker.CheckAllExited(ExitWait);
        }

        var process = ProcessSnapshot.Take();
        foreach (var figure in process.ToFigures())
        {
            results.Add(figure);
        }

        Console.Error.WriteLine();
        Console.Write(TableReport.Render(results, machine));
        var jsonPath = options.JsonPath ?? JsonReport.DefaultPath(results);
        JsonReport.Write(jsonPath, results, machine, process);
        Console.WriteLine($"Results written to {Path.GetFullPath(jsonPath)}");
        return results.AnyFailed || results.ExitCheck is { AllExited: false } ? 1 : 0;
    }

    /// <summary>Whether the assembly was compiled with the JIT optimizer on (a Release build).</summary>
    public static bool IsOptimized(Assembly assembly) =>
        assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

    private static ScenarioRecord Run(IScenario scenario, BenchmarkOptions options, ResultSet results)
    {
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var timed = RunSample.TimedCollections;
        var start = Stopwatch.GetTimestamp();
        string? error = null;
        try
        {
            scenario.Run(new ScenarioContext(options, scenario, results));
        }
        catch (Exception ex)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
            Console.Error.WriteLine($"  FAILED: {ex}");
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.Error.WriteLine($"  {(error is null ? "done" : "failed")} in {seconds:0.0} s");
        return new ScenarioRecord(scenario.Name, scenario.Title, seconds, GC.CollectionCount(0) - gen0,
                                  GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
                                  RunSample.TimedCollections - timed, error);
    }
}
