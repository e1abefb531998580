namespace Thespian.Benchmarks.Infrastructure;

/// <summary>One benchmark scenario: runs its measurements and reports figures to the context.</summary>
internal interface IScenario
{
    /// <summary>The name used with <c>--scenario</c>.</summary>
    string Name { get; }

    /// <summary>A one-line description for the progress output and the JSON.</summary>
    string Title { get; }

    void Run(ScenarioContext context);
}
