namespace Thespian.Benchmarks;

/// <summary>What to run and how hard: parsed from the command line; <c>--quick</c> scales everything down.</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Thespian.Benchmarks: measures an actor system base and prints a table (+ JSON).

        Usage:
          dotnet run -c Release --project Thespian.Benchmarks --artifacts-path DIR -- [options]

        Options:
          --base NAME        system base to measure (default simpleSystemBase; or multiprocTCPBase,
                             multiprocUDPBase); the goals and the Python column follow the base
          --compare-tcp      with --base multiprocUDPBase: also measure paced CreateActor on
                             multiprocTCPBase in the same run (interleaved), for the UDP ÷ TCP ratio
          --scenario NAME    run only this scenario; repeat or comma-separate for several:
                               tell      (a) one-way tell throughput A->B (multiproc: 100k and 1M messages)
                               pingpong  (b) ping-pong round trips between two actors
                               ask       (c) external Ask latency and rate; the loopback round-trip floors
                                             (TCP blocking and polling, UDP blocking)
                               create    (d) actor creation (simple: rate and memory per actor;
                                             multiproc: CreateActor latency, paced and in a burst)
                               dispatch  (e) ActorTypeDispatcher cost, DispatchTable lookups (simple only)
                               start     (f) cold system start, join, shutdown (multiproc only)
                               echo      (g) 1 MiB and 16 MiB byte[] echo round trips, and a raw loopback
                                             TCP 1 MiB echo (the floor) in the same repetitions (multiproc only)
                               memory    (h) RSS and PSS of the admin, hosts and this process (multiproc only)
                               sources   (s) actor sources: load + validate, create from a source,
                                             unload + collect (simple only)
                               convention (i) conventions, three systems on this host (multiproc only; run
                                             only when named): local vs placed-on-a-member CreateActor,
                                             local vs remote Ask, time to notice a killed member, leader
                                             failover; one to three minutes (each create waits
                                             for all three systems to come to rest)
                               chaos     faults: actor processes SIGKILLed at random under load, every
                                             message accounted for (handled / poisoned / dead-lettered /
                                             missing), then the admin SIGKILLed: orphans (multiproc only;
                                             named only; 40 s of load, --quick 10 s)
                               troupe    troupe churn: distinct worker processes over one run of work,
                                             MaxCount 10 and 3, grace 0 vs default (multiproc only; named only)
                               flood     the application Tells N messages to one actor as fast as it can;
                                             peak RSS of both processes (read every 100 ms) and the rate
                                             (multiproc only; named only; N from --flood-messages)
                             default: every scenario the base supports, except convention, chaos and troupe
                             (named only: --scenario convention)
          --flood-messages N messages of the flood scenario (default 10,000,000; --quick 1,000,000)
          --quick            fast smoke run: smaller counts, shorter warm-up, 3 repetitions
          --reps N           measured repetitions per figure (default 7, quick 3; multiproc 3, quick 2;
                             the median is reported)
          --log-level LEVEL  what the admin and hosts of multiproc systems log to the temp folder's
                             thespian-benchmarks.log (default Warning; Debug adds the timings of each
                             actor's start, events 2010 and 3004)
          --json PATH        where to write the JSON results
                             (default BenchmarkResults/results-<base>-<UTC timestamp>.json)
          --help             this text

        Multiproc systems each get a free admin port, log warnings to the temp folder's
        thespian-benchmarks.log, and are shut down even when a scenario fails; at the end the benchmark
        checks that no admin or host process it started is still running.

        Exit codes: 0 done, 1 a scenario failed (or a process outlived its system),
        2 bad arguments or unknown base, 3 not a Release build.
        """;

    /// <summary>Every scenario name of the simple base, in the order they run.</summary>
    public static readonly IReadOnlyList<string> SimpleScenarios = ["tell", "pingpong", "ask", "create", "dispatch", "sources"];

    /// <summary>Every scenario name of the multiproc bases, in the order they run.</summary>
    public static readonly IReadOnlyList<string> MultiprocScenarios = ["start", "ask", "pingpong", "tell", "create", "echo", "memory", "sources"];

    /// <summary>Multiproc scenarios that run only when named with --scenario (they start several systems, and take long).</summary>
    public static readonly IReadOnlyList<string> MultiprocOnRequest = ["convention", "chaos", "troupe", "flood"];

    /// <summary>Every scenario name there is.</summary>
    public static readonly IReadOnlyList<string> AllScenarios = [.. SimpleScenarios.Union(MultiprocScenarios).Union(MultiprocOnRequest)];

    public string Base { get; init; } = SystemBaseNames.Simple;
    public bool Quick { get; init; }

    /// <summary>Whether --compare-tcp was given: on the UDP base, CreateActor is measured on TCP too.</summary>
    public bool CompareTcp { get; init; }
    public bool Help { get; init; }
    public IReadOnlyList<string> Scenarios { get; init; } = SimpleScenarios;

    /// <summary>Whether the scenarios were chosen with --scenario (else: every scenario the base supports).</summary>
    public bool ScenariosChosen { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>What multiproc systems log (--log-level).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;
    public int Repetitions { get; init; } = 7;

    /// <summary>Whether --reps was given.</summary>
    public bool RepetitionsChosen { get; init; }

    /// <summary>Whether the base runs actors in processes of their own (sizes and goals differ).</summary>
    public bool Multiproc => !string.Equals(Base, SystemBaseNames.Simple, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the base is multiprocUDPBase (its goals are ratios to the UDP floor, to TCP and to Python).</summary>
    public bool Udp => string.Equals(Base, SystemBaseNames.MultiprocUdp, StringComparison.OrdinalIgnoreCase);

    /// <summary>Each figure's code runs at least this long (and at least twice) before it is measured.</summary>
    public TimeSpan WarmupTime => Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(1);

    // Sizes: the simple base's, and the multiproc bases' (scaled down so that a full run stays near 3 minutes:
    // every message crosses a socket and is serialized, and every actor is a process).

    // (a) tell: two burst sizes; bursts of the small size are repeated to make each repetition ~TellBatch messages.
    public int TellSmall => Multiproc ? (Quick ? 10_000 : 100_000) : 10_000;
    public int TellLarge => Quick ? 100_000 : 1_000_000;
    public int TellBatch => Multiproc ? TellSmall : Quick ? 200_000 : 1_000_000;

    /// <summary>How many repetitions measure the large burst (multiproc: a million messages take tens of seconds).</summary>
    public int TellLargeRepetitions => Multiproc && !Quick ? 1 : Repetitions;

    // (b) ping-pong round trips per repetition.
    public int RoundTrips => Multiproc ? (Quick ? 5_000 : 20_000) : Quick ? 100_000 : 1_000_000;

    // (c) asks per repetition (each timed on its own).
    public int Asks => Multiproc ? (Quick ? 2_000 : 5_000) : Quick ? 20_000 : 200_000;

    // (d) actors created per repetition (simple).
    public int Actors => Quick ? 10_000 : 100_000;

    // (d) multiproc: top-level creates one at a time with the warm pool refilled before each, and back to back.
    public int SequentialCreates => Quick ? 20 : 50;
    public int BurstCreates => Quick ? 10 : 20;

    // (f) cold starts (each on a new port) and joins of a running system.
    public int ColdStarts => Quick ? 3 : 5;

    /// <summary>How many distinct sources the source scenario loads (and creates from, and unloads).</summary>
    public int Sources => Quick ? 5 : 20;
    public int Joins => Quick ? 10 : 20;

    // (g) echo: message sizes, and round trips of each per repetition.
    public int EchoSmallBytes => 1 << 20;
    public int EchoLargeBytes => 16 << 20;
    public int EchoSmallCount => Quick ? 5 : 10;
    public int EchoLargeCount => Quick ? 1 : 2;

    // (i) convention: creates of each kind (local, placed on a member), and asks of each per repetition.
    public int ConventionCreates => Quick ? 20 : 50;
    public int ConventionAsks => Quick ? 500 : 2_000;

    /// <summary>Messages of the flood scenario (--flood-messages; default 10M, quick 1M).</summary>
    public int FloodMessages => FloodMessagesChosen ?? (Quick ? 1_000_000 : 10_000_000);

    /// <summary>What --flood-messages gave, if given.</summary>
    public int? FloodMessagesChosen { get; init; }

    // (e) messages through each counter; iterations of each micro-measurement.
    public int DispatchMessages => Quick ? 100_000 : 1_000_000;
    public int MicroIterations => Quick ? 1_000_000 : 10_000_000;

    /// <summary>Parses the command line (<see cref="BenchmarkCommandLine"/>).</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has a bad value.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args) => BenchmarkCommandLine.Parse(args);

    /// <summary>
    /// The options for the base actually running (its canonical name): its default scenarios and repetitions.
    /// </summary>
    /// <exception cref="ArgumentException">A chosen scenario does not apply to this base.</exception>
    public BenchmarkOptions ForBase(string canonicalBase)
    {
        var resolved = this with { Base = canonicalBase };
        if (CompareTcp && !resolved.Udp)
        {
            throw new ArgumentException($"--compare-tcp compares multiprocUDPBase with multiprocTCPBase; the base is {canonicalBase}.");
        }

        var byDefault = resolved.Multiproc ? MultiprocScenarios : SimpleScenarios;
        IReadOnlyList<string> supported = resolved.Multiproc ? [.. MultiprocScenarios, .. MultiprocOnRequest] : SimpleScenarios;
        if (ScenariosChosen && Scenarios.FirstOrDefault(s => !supported.Contains(s)) is { } unsupported)
        {
            throw new ArgumentException(
                $"The scenario '{unsupported}' does not apply to {canonicalBase}; its scenarios are: {string.Join(", ", supported)}.");
        }

        return resolved with
        {
            Scenarios = ScenariosChosen ? supported.Where(Scenarios.Contains).ToArray() : byDefault,
            Repetitions = RepetitionsChosen || !resolved.Multiproc ? Repetitions : Quick ? 2 : 3,
        };
    }
}
