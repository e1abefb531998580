using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Thespian.Diagnostics;

/// <summary>
/// What an observable instrument reports: counts kept by tag set (<see cref="Add"/>, cheap enough for actor starts and
/// stops) and live sources read only when a listener collects (<see cref="Register"/>, e.g. a queue's length).
/// </summary>
internal sealed class GaugeRegistry
{
    private readonly ConcurrentDictionary<(string Base, string? Kind, string? ActorType), StrongBox<long>> _counts = new();
    private readonly ConcurrentDictionary<Source, byte> _sources = new();

    /// <summary>Adds <paramref name="delta"/> to the count kept for these tags.</summary>
    public void Add(string baseName, string? kind, string? actorType, long delta) =>
        Interlocked.Add(ref _counts.GetOrAdd((baseName, kind, actorType), static _ => new StrongBox<long>()).Value, delta);

    /// <summary>Reports <paramref name="read"/> (called only while a listener collects) until the result is disposed.</summary>
    public IDisposable Register(string baseName, string kind, Func<long> read)
    {
        var source = new Source(this, baseName, kind, read);
        _sources[source] = 0;
        return source;
    }

    /// <summary>The measurements: one per tag set counted, and the sum of the live sources per tag set.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var ((baseName, kind, actorType), count) in _counts)
        {
            measurements.Add(new Measurement<long>(Volatile.Read(ref count.Value), Tags(baseName, kind, actorType)));
        }

        foreach (var group in _sources.Keys.GroupBy(source => (source.Base, source.Kind)))
        {
            long sum = 0;
            foreach (var source in group)
            {
                sum += ReadSafely(source.Read);
            }

            measurements.Add(new Measurement<long>(sum, Tags(group.Key.Base, group.Key.Kind, null)));
        }

        return measurements;
    }

    private static long ReadSafely(Func<long> read)
    {
        try
        {
            return read();
        }
        catch (ObjectDisposedException)
        {
            return 0;
        }
    }

    private static TagList Tags(string baseName, string? kind, string? actorType)
    {
        var tags = new TagList { { ThespianDiagnostics.BaseTag, baseName } };
        if (kind is not null)
        {
            tags.Add(ThespianMetricsKinds.TagFor(kind), kind);
        }

        if (actorType is not null)
        {
            tags.Add(ThespianDiagnostics.ActorTypeTag, actorType);
        }

        return tags;
    }

    private sealed class Source(GaugeRegistry registry, string baseName, string kind, Func<long> read) : IDisposable
    {
        public string Base { get; } = baseName;

        public string Kind { get; } = kind;

        public Func<long> Read { get; } = read;

        public void Dispose() => registry._sources.TryRemove(this, out _);
    }
}
