using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Thespian.Tests.Diagnostics;

/// <summary>
/// What Thespian's meter has measured in this process, as an operator's listener would see it: a
/// <see cref="MeterListener"/> on the "Thespian" meter that sums counters and keeps the last value of observable
/// instruments, keyed by instrument and the actor-type tag (or the base tag where there is none). Started by
/// <see cref="Start"/> in the test process, and by <see cref="MeteredActor"/> in the actor's own process.
/// </summary>
public static class ProcessMeters
{
    private static readonly ConcurrentDictionary<string, long> Totals = new();
    private static readonly ConcurrentDictionary<string, double> Durations = new();
    private static readonly Lazy<MeterListener> Listener = new(Create);

    /// <summary>Starts listening (once per process).</summary>
    public static void Start() => _ = Listener.Value;

    /// <summary>A snapshot: observable instruments read now, counters as summed so far.</summary>
    public static Dictionary<string, long> Snapshot()
    {
        var observed = new ConcurrentDictionary<string, long>();
        lock (Listener)
        {
            s_observing = observed;
            Listener.Value.RecordObservableInstruments();
            s_observing = null;
        }

        var snapshot = new Dictionary<string, long>(Totals);
        foreach (var (key, value) in observed)
        {
            snapshot[key] = value;
        }

        return snapshot;
    }

    /// <summary>The create durations recorded so far, by actor type.</summary>
    public static Dictionary<string, double> CreateDurations() => new(Durations);

    /// <summary>The key of an instrument's measurements for a tag value (actor type, else base).</summary>
    public static string Key(string instrument, string tag) => $"{instrument}|{tag}";

    private static ConcurrentDictionary<string, long>? s_observing;

    private static MeterListener Create()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ThespianDiagnostics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = KeyOf(instrument, tags);
            if (instrument.IsObservable)
            {
                s_observing?.AddOrUpdate(key, value, (_, sum) => sum + value);
            }
            else
            {
                Totals.AddOrUpdate(key, value, (_, sum) => sum + value);
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var key = KeyOf(instrument, tags);
            Durations[key] = value;
            Totals.AddOrUpdate(key, 1, (_, count) => count + 1);
        });
        listener.Start();
        return listener;
    }

    private static string KeyOf(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? actorType = null;
        string? baseName = null;
        string? queue = null;
        foreach (var (name, value) in tags)
        {
            switch (name)
            {
                case ThespianDiagnostics.ActorTypeTag:
                    actorType = value as string;
                    break;
                case ThespianDiagnostics.BaseTag:
                    baseName = value as string;
                    break;
                case ThespianDiagnostics.QueueTag or ThespianDiagnostics.ProcessStateTag:
                    queue = value as string;
                    break;
            }
        }

        return Key(instrument.Name, actorType ?? (queue is null ? baseName : $"{baseName}/{queue}") ?? "?");
    }
}
