namespace Thespian.Benchmarks.Results;

/// <summary>Everything one benchmark run produced.</summary>
internal sealed class ResultSet(BenchmarkOptions options, DateTimeOffset startedUtc)
{
    private readonly List<Figure> _figures = [];
    private readonly List<ScenarioRecord> _scenarios = [];

    public BenchmarkOptions Options { get; } = options;
    public DateTimeOffset StartedUtc { get; } = startedUtc;
    public TimeSpan Duration { get; set; }

    /// <summary>/proc/loadavg before the first scenario and after the last (others share the machine).</summary>
    public string? LoadAtStart { get; set; }

    public string? LoadAtEnd { get; set; }

    /// <summary>Whether every admin and host process outlived no system (multiproc only; null when none was started).</summary>
    public Infrastructure.ExitCheck? ExitCheck { get; set; }
    public IReadOnlyList<Figure> Figures => _figures;
    public IReadOnlyList<ScenarioRecord> Scenarios => _scenarios;
    public bool AnyFailed => _scenarios.Any(s => s.Error is not null);

    public void Add(Figure figure) => _figures.Add(figure);

    public void Add(ScenarioRecord scenario) => _scenarios.Add(scenario);
}
