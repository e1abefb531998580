using System.Text.Encodings.Web;
using System.Text.Json;

namespace Thespian.Benchmarks.Results;

/// <summary>The results as JSON: machine, options, scenarios, every figure with its samples, and the process.</summary>
internal static class JsonReport
{
    public const string Schema = "thespian-benchmarks/1";

    /// <summary>The default file: BenchmarkResults/results-&lt;base&gt;-&lt;UTC timestamp&gt;.json under the current directory.</summary>
    public static string DefaultPath(ResultSet results) => Path.Combine(
        "BenchmarkResults",
        $"results-{results.Options.Base}-{results.StartedUtc.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.json");

    public static void Write(string path, ResultSet results, MachineInfo machine, ProcessSnapshot process)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,   // keeps "µs" and "→" readable; the file is not embedded in HTML
        });

        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("base", results.Options.Base);
        json.WriteString("startedUtc", results.StartedUtc);
        json.WriteNumber("durationSeconds", Math.Round(results.Duration.TotalSeconds, 3));
        json.WriteStartObject("loadAverage");
        json.WriteString("start", results.LoadAtStart);
        json.WriteString("end", results.LoadAtEnd);
        json.WriteEndObject();
        WriteMachine(json, machine);
        WriteOptions(json, results.Options);
        WriteScenarios(json, results.Scenarios);
        WriteFigures(json, results.Figures);
        WriteProcess(json, process);
        if (results.ExitCheck is { } exitCheck)
        {
            json.WriteStartObject("processesAfterShutdown");
            json.WriteNumber("learnt", exitCheck.Learnt);
            json.WriteNumber("adminPorts", exitCheck.Ports);
            json.WriteBoolean("allExited", exitCheck.AllExited);
            json.WriteStartArray("stillRunning");
            foreach (var survivor in exitCheck.Survivors)
            {
                json.WriteStringValue(survivor);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteMachine(Utf8JsonWriter json, MachineInfo m)
    {
        json.WriteStartObject("machine");
        json.WriteString("machineName", m.MachineName);
        json.WriteNumber("processorCount", m.ProcessorCount);
        json.WriteString("os", m.Os);
        json.WriteString("osArchitecture", m.OsArchitecture);
        json.WriteString("processArchitecture", m.ProcessArchitecture);
        json.WriteString("framework", m.Framework);
        json.WriteString("runtimeVersion", m.RuntimeVersion);
        json.WriteBoolean("serverGc", m.ServerGc);
        json.WriteBoolean("concurrentGc", m.ConcurrentGc);
        json.WriteString("gcLatencyMode", m.GcLatencyMode);
        json.WriteString("tieredCompilation", m.TieredCompilation);
        json.WriteString("tieredPgo", m.TieredPgo);
        json.WriteNumber("stopwatchFrequency", m.StopwatchFrequency);
        json.WriteString("buildConfiguration", m.BuildConfiguration);
        json.WriteString("thespianVersion", m.ThespianVersion);
        json.WriteString("gitCommit", m.GitCommit);
        json.WriteEndObject();
    }

    private static void WriteOptions(Utf8JsonWriter json, BenchmarkOptions o)
    {
        json.WriteStartObject("options");
        json.WriteString("base", o.Base);
        json.WriteBoolean("quick", o.Quick);
        json.WriteBoolean("compareTcp", o.CompareTcp);
        json.WriteStartArray("scenarios");
        foreach (var scenario in o.Scenarios)
        {
            json.WriteStringValue(scenario);
        }

        json.WriteEndArray();
        json.WriteNumber("repetitions", o.Repetitions);
        json.WriteNumber("warmupSeconds", o.WarmupTime.TotalSeconds);
        json.WriteNumber("tellSmall", o.TellSmall);
        json.WriteNumber("tellLarge", o.TellLarge);
        json.WriteNumber("tellBatch", o.TellBatch);
        json.WriteNumber("roundTrips", o.RoundTrips);
        json.WriteNumber("asks", o.Asks);
        json.WriteNumber("actors", o.Actors);
        json.WriteNumber("dispatchMessages", o.DispatchMessages);
        json.WriteNumber("microIterations", o.MicroIterations);
        if (o.Multiproc)
        {
            json.WriteNumber("sequentialCreates", o.SequentialCreates);
            json.WriteNumber("burstCreates", o.BurstCreates);
            json.WriteNumber("coldStarts", o.ColdStarts);
            json.WriteNumber("joins", o.Joins);
            json.WriteNumber("echoSmallBytes", o.EchoSmallBytes);
            json.WriteNumber("echoLargeBytes", o.EchoLargeBytes);
            json.WriteNumber("echoSmallCount", o.EchoSmallCount);
            json.WriteNumber("echoLargeCount", o.EchoLargeCount);
        }

        json.WriteEndObject();
    }

    private static void WriteScenarios(Utf8JsonWriter json, IReadOnlyList<ScenarioRecord> scenarios)
    {
        json.WriteStartArray("scenarios");
        foreach (var s in scenarios)
        {
            json.WriteStartObject();
            json.WriteString("name", s.Name);
            json.WriteString("title", s.Title);
            json.WriteNumber("seconds", Math.Round(s.Seconds, 3));
            json.WriteNumber("gen0Collections", s.Gen0Collections);
            json.WriteNumber("gen1Collections", s.Gen1Collections);
            json.WriteNumber("gen2Collections", s.Gen2Collections);
            json.WriteNumber("timedCollections", s.TimedCollections);
            json.WriteString("error", s.Error);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteFigures(Utf8JsonWriter json, IReadOnlyList<Figure> figures)
    {
        json.WriteStartArray("figures");
        foreach (var f in figures)
        {
            json.WriteStartObject();
            json.WriteString("key", f.Key);
            json.WriteString("scenario", f.Scenario);
            json.WriteString("name", f.Name.Trim());
            json.WriteNumber("value", f.Value);
            json.WriteString("unit", f.Unit);
            if (f.Goal is { } goal)
            {
                json.WriteStartObject("goal");
                json.WriteString("text", goal.Text);
                if (goal.Target is { } target)
                {
                    json.WriteNumber("target", target);
                    json.WriteString("direction", goal.HigherIsBetter ? "atLeast" : "atMost");
                }

                if (f.MeetsGoal is { } met)
                {
                    json.WriteBoolean("met", met);
                }

                json.WriteEndObject();
            }

            if (f.Python is not null)
            {
                json.WriteString("python", f.Python);
            }

            if (f.Note is not null)
            {
                json.WriteString("note", f.Note);
            }

            json.WriteStartArray("samples");
            foreach (var sample in f.Samples)
            {
                json.WriteNumberValue(sample);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteProcess(Utf8JsonWriter json, ProcessSnapshot p)
    {
        json.WriteStartObject("process");
        json.WriteNumber("workingSetBytes", p.WorkingSetBytes);
        json.WriteNumber("peakWorkingSetBytes", p.PeakWorkingSetBytes);
        json.WriteNumber("gcHeapSizeBytes", p.GcHeapSizeBytes);
        json.WriteNumber("gcCommittedBytes", p.GcCommittedBytes);
        json.WriteNumber("gcTotalMemoryBytes", p.GcTotalMemoryBytes);
        json.WriteNumber("totalAllocatedBytes", p.TotalAllocatedBytes);
        json.WriteNumber("gen0Collections", p.Gen0Collections);
        json.WriteNumber("gen1Collections", p.Gen1Collections);
        json.WriteNumber("gen2Collections", p.Gen2Collections);
        json.WriteNumber("timedCollections", p.TimedCollections);
        json.WriteNumber("gcPauseMilliseconds", p.GcPauseMilliseconds);
        json.WriteEndObject();
    }
}
