using System.Globalization;
using Thespian.Fuzzing;
using Thespian.Fuzzing.Engine;

namespace Thespian.Fuzzing.Runner;

/// <summary>
/// thespian-fuzz: runs the fuzz targets and prints, per target, the inputs, inputs/s, crashes, hangs, instantiations
/// outside the allow-list and allocations beyond the limit; findings are written (input and detail) to a folder.
/// <code>
/// dotnet run -c Release --project Thespian.Fuzzing.Runner -- [--targets a,b] [--inputs N] [--seconds S] [--seed N]
///                                                              [--hang-ms N] [--findings DIR] [--replay FILE --targets NAME]
/// </code>
/// Exit code 0: nothing found; 1: findings; 2: usage error.
/// </summary>
internal static class Program
{
    private const string Usage = """
        thespian-fuzz: fuzzes Thespian's readers of untrusted bytes with a seeded, structure-aware mutator.
          --targets a,b     the targets (default: all): tcp-frames, tcp-socket, handshake, envelope, udp-datagrams,
                            source-zip, signed-package, signed-fields
          --inputs N        inputs per target (default 1000000)
          --seconds S       stop each target after S seconds (default: no limit)
          --seed N          the mutator's seed (default 1)
          --hang-ms N       the per-input time budget (default 1000)
          --findings DIR    where findings are written (default: fuzz-findings)
          --replay FILE     run one input file against the (single) target named by --targets
          --minimize        with --replay: shrink the input while it still reveals the finding (writes FILE.min)
        """;

    public static int Main(string[] args)
    {
        Dictionary<string, string> options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (options.ContainsKey("help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var targets = options.TryGetValue("targets", out var names) ? names.Split(',', StringSplitOptions.RemoveEmptyEntries) : [.. FuzzTargets.Names];
        var hangBudget = TimeSpan.FromMilliseconds(Number(options, "hang-ms", 1000));
        if (options.TryGetValue("replay", out var replay))
        {
            using var target = FuzzTargets.Create(targets[0]);
            var input = File.ReadAllBytes(replay);

            // Warm up first (the seeds, then the input itself): a first run pays for the JIT and is no measure of a hang.
            foreach (var seed in target.CreateSeeds())
            {
                _ = FuzzCampaign.Replay(target, seed.Bytes, TimeSpan.MaxValue);
            }

            _ = FuzzCampaign.Replay(target, input, TimeSpan.MaxValue);
            var finding = FuzzCampaign.Replay(target, input, hangBudget);
            Console.WriteLine(finding?.ToString() ?? "No finding: the input is accepted or refused with the documented error.");
            if (finding is not null && options.ContainsKey("minimize"))
            {
                var minimized = Minimizer.Minimize(target, input, finding.Kind, hangBudget);
                File.WriteAllBytes(replay + ".min", minimized);
                Console.WriteLine($"Minimized to {minimized.Length} bytes ({replay}.min): {Convert.ToHexString(minimized)}");
                Console.WriteLine(FuzzCampaign.Replay(target, minimized, hangBudget));
            }

            return finding is null ? 0 : 1;
        }

        var fuzzOptions = new FuzzOptions((int)Number(options, "seed", 1), Number(options, "inputs", 1_000_000), hangBudget,
                                          options.TryGetValue("seconds", out var seconds) ? TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)) : null);
        var findingsFolder = options.GetValueOrDefault("findings", "fuzz-findings");
        var results = new List<FuzzResult>();
        foreach (var name in targets)
        {
            using var target = FuzzTargets.Create(name);
            Console.Error.WriteLine($"{name}: {target.Description}");
            var result = FuzzCampaign.Run(target, fuzzOptions);
            results.Add(result);
            Console.Error.WriteLine($"  {result.Inputs:N0} inputs in {result.Elapsed.TotalSeconds:0.0} s, {result.Findings.Count} finding(s)");
            WriteFindings(findingsFolder, result);
        }

        Console.WriteLine();
        Console.WriteLine($"seed {fuzzOptions.Seed}, hang budget {hangBudget.TotalMilliseconds:0} ms, {Environment.ProcessorCount} cores");
        Console.WriteLine("| target | inputs | inputs/s | refused | crashes | hangs | instantiations | over-allocations |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Target} | {r.Inputs:N0} | {r.InputsPerSecond:N0} | {r.Refused:N0} | {r.Crashes} | {r.Hangs} | {r.Instantiations} | {r.OverAllocations} |"));
        }

        return results.All(r => r.Clean) ? 0 : 1;
    }

    private static void WriteFindings(string folder, FuzzResult result)
    {
        foreach (var finding in result.Findings)
        {
            Directory.CreateDirectory(folder);
            var stem = Path.Combine(folder, $"{result.Target}-{finding.Kind.ToString().ToLowerInvariant()}-{finding.Index}");
            File.WriteAllBytes(stem + ".bin", finding.Input);
            File.WriteAllText(stem + ".txt", finding.ToString());
            Console.Error.WriteLine($"  {finding.Kind} at input {finding.Index}: {finding.Detail.Split('\n')[0]} ({stem}.bin)");
        }
    }

    private static long Number(Dictionary<string, string> options, string name, long fallback) =>
        options.TryGetValue(name, out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i] switch
            {
                "-h" or "--help" => "help",
                var a when a.StartsWith("--", StringComparison.Ordinal) => a[2..],
                var a => throw new ArgumentException($"Unexpected argument '{a}'."),
            };
            if (name is "help" or "minimize")
            {
                options[name] = "";
                continue;
            }

            if (name is not ("targets" or "inputs" or "seconds" or "seed" or "hang-ms" or "findings" or "replay") || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unknown option or missing value: '{args[i]}'.");
            }

            options[name] = args[++i];
        }

        return options;
    }
}
