namespace Thespian.Benchmarks.Results;

/// <summary>
/// How one scenario went: its wall time, the collections during it (all, and those inside timed runs),
/// and its error if it failed.
/// </summary>
internal sealed record ScenarioRecord(string Name, string Title, double Seconds, int Gen0Collections,
                                      int Gen1Collections, int Gen2Collections, int TimedCollections, string? Error);
