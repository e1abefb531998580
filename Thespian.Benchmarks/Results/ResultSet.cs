namespace Thespian.Benchmarks.Results;

/// <summary>Everything one benchmark run produced.</summary>
internal sealed class ResultSet(BenchmarkOptions options, DateTimeOffset startedUtc)
{
    private readonly List<Figure> _figures = [];
    private readonly List<ScenarioRecord> _scenarios = [];

    public BenchmarkOptions Options { get; } = options;
    public DateTimeOffset StartedUtc { get; } = startedUtc;
    public TimeSpan Duration { get; set; }
    public IReadOnlyList<Figure> Figures => _figures;
    public IReadOnlyList<ScenarioRecord> Scenarios => _scenarios;
    public bool AnyFailed => _scenarios.Any(s => s.Error is not null);

    public void Add(Figure figure) => _figures.Add(figure);

    public void Add(ScenarioRecord scenario) => _scenarios.Add(scenario);
}
