using Thespian.Benchmarks.Results;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>What a scenario works with: the options, fresh systems on the chosen base, and where figures go.</summary>
internal sealed class ScenarioContext(BenchmarkOptions options, IScenario scenario, ResultSet results)
{
    /// <summary>
    /// The timeout of every Ask the benchmark makes: a reply is expected long before it, and a broken base
    /// fails the scenario instead of hanging it.
    /// </summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of an Ask whose work is known to be long (a multiproc burst of a million messages).</summary>
    public static readonly TimeSpan LongAskTimeout = TimeSpan.FromSeconds(600);

    public BenchmarkOptions Options { get; } = options;

    /// <summary>A new transient system on the chosen base (logging off); dispose the lease to shut it down.</summary>
    public SystemLease StartSystem() => new(Options.Base);

    /// <summary>Reports the median of <paramref name="samples"/>.</summary>
    public Figure Report(string key, string name, IEnumerable<double> samples, string unit, Goal? goal = null,
                         string? python = null, string? note = null)
    {
        var values = samples.ToArray();
        return Report(new Figure(scenario.Name, $"{scenario.Name}.{key}", name, Stats.Median(values), unit, values)
        {
            Goal = goal,
            Python = python,
            Note = note,
        });
    }

    /// <summary>Reports a figure built by the scenario (for values that are not a plain median).</summary>
    public Figure Report(Figure figure)
    {
        results.Add(figure);
        return figure;
    }

    /// <summary>Asks and checks the reply's type; a missing or different reply fails the scenario with what came back.</summary>
    public static T Ask<T>(ActorSystem system, ActorAddress target, object message) => Ask<T>(system, target, message, AskTimeout);

    /// <summary>As <see cref="Ask{T}(ActorSystem, ActorAddress, object)"/>, with a timeout of its own.</summary>
    public static T Ask<T>(ActorSystem system, ActorAddress target, object message, TimeSpan timeout)
    {
        var reply = system.Ask(target, message, timeout);
        return reply is T typed
            ? typed
            : throw new InvalidOperationException(reply switch
            {
                null => $"No reply to {message.GetType().Name} within {timeout.TotalSeconds:0} s.",
                PoisonMessage poison => $"The actor failed on {message.GetType().Name}: {poison.Details}",
                _ => $"Expected a {typeof(T).Name} in reply to {message.GetType().Name}, got a {reply.GetType().Name}.",
            });
    }

    /// <summary>
    /// Reports the CPU time each process used per operation (the median over runs), as "&lt;key&gt;.cpu.&lt;process&gt;"
    /// in µs (or ms with <paramref name="milliseconds"/>).
    /// </summary>
    public void ReportCpu(string key, string operation, IReadOnlyList<Dictionary<string, double>> runs, long operationsPerRun,
                          bool milliseconds = false)
    {
        var (unit, scale) = milliseconds ? ($"ms/{operation}", 1e3) : ($"µs/{operation}", 1e6);
        foreach (var name in runs[0].Keys)
        {
            Report($"{key}.cpu.{name.ToLowerInvariant()}", $"  CPU time in {name} per {operation}",
                   runs.Select(r => r[name] * scale / operationsPerRun), unit,
                   note: name == "benchmark" ? "this process (the runtime's count)" : "user + system time from /proc (10 ms ticks)");
        }
    }

    /// <summary>Which process runs an actor (multiproc: the actor answers <see cref="Actors.WhoAreYou"/>).</summary>
    public static int ProcessOf(ActorSystem system, ActorAddress actor) =>
        Ask<Actors.ProcessIdentity>(system, actor, Actors.WhoAreYou.Instance).ProcessId;

    /// <summary>"10k", "1M", "250": a count as the figure names show it.</summary>
    public static string Count(long n) => n switch
    {
        >= 1_000_000 when n % 1_000_000 == 0 => $"{n / 1_000_000}M",
        >= 1_000 when n % 1_000 == 0 => $"{n / 1_000}k",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
