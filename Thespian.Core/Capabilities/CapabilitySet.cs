using System.Collections.ObjectModel;
using System.Reflection;

namespace Thespian.Runtime;

/// <summary>
/// The capabilities of one running system: the common read-only ones Thespian supplies, the defaults,
/// and whatever the application sets. Hands out immutable snapshots.
/// </summary>
internal sealed class CapabilitySet
{
    /// <summary>The API generation this port implements: (generation, enhancement).</summary>
    public static readonly IReadOnlyList<int> Generation = new[] { 1, 0 };

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, object?>? _snapshot;

    /// <summary>Creates the set for a base; <paramref name="initial"/> may not set read-only capabilities.</summary>
    /// <exception cref="ArgumentException">A read-only capability was given.</exception>
    public CapabilitySet(string baseName, int baseVersion, IDictionary<string, object?>? initial,
                         IEnumerable<KeyValuePair<string, object?>>? baseDefaults = null)
    {
        _values[CommonCapabilities.ThespianGeneration] = Generation;
        _values[CommonCapabilities.ThespianVersion] = ThespianVersion;
        _values[CommonCapabilities.ActorSystemName] = baseName;
        _values[CommonCapabilities.ActorSystemVersion] = baseVersion;
        _values[CommonCapabilities.DotNetVersion] = Environment.Version.ToString();
        _values[CommonCapabilities.AllowRemoteActorSources] = "Yes";
        foreach (var (name, value) in baseDefaults ?? [])
        {
            _values[name] = value;
        }

        foreach (var (name, value) in initial ?? new Dictionary<string, object?>())
        {
            RefuseReadOnly(name);
            if (value is null)
            {
                _values.Remove(name);
            }
            else
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>Thespian's version as one number that grows with every release (major*10000 + minor*100 + patch).</summary>
    public static int ThespianVersion { get; } = ComputeVersion();

    /// <summary>An immutable snapshot of the current capabilities.</summary>
    public IReadOnlyDictionary<string, object?> Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _snapshot ??= new ReadOnlyDictionary<string, object?>(
                    new Dictionary<string, object?>(_values, StringComparer.Ordinal));
            }
        }
    }

    /// <summary>Sets, changes or (null) removes a capability.</summary>
    /// <returns>Whether anything changed.</returns>
    /// <exception cref="ArgumentException">The capability is read-only.</exception>
    public bool Update(string capabilityName, object? capabilityValue)
    {
        ArgumentNullException.ThrowIfNull(capabilityName);
        RefuseReadOnly(capabilityName);
        lock (_gate)
        {
            bool changed;
            if (capabilityValue is null)
            {
                changed = _values.Remove(capabilityName);
            }
            else
            {
                changed = !_values.TryGetValue(capabilityName, out var old) || !Truthiness.ValuesEqual(old, capabilityValue);
                _values[capabilityName] = capabilityValue;
            }

            if (changed)
            {
                _snapshot = null;
            }

            return changed;
        }
    }

    /// <summary>Refuses a set of initial capabilities that names a read-only one (before anything starts).</summary>
    /// <exception cref="ArgumentException">A read-only capability was given.</exception>
    public static void RefuseReadOnly(IDictionary<string, object?>? capabilities)
    {
        foreach (var name in capabilities?.Keys ?? [])
        {
            RefuseReadOnly(name);
        }
    }

    private static void RefuseReadOnly(string capabilityName)
    {
        if (CommonCapabilities.ReadOnlyNames.Contains(capabilityName))
        {
            throw new ArgumentException(
                $"The capability '{capabilityName}' is read-only: the actor system supplies it and it cannot be set or changed.",
                nameof(capabilityName));
        }
    }

    private static int ComputeVersion()
    {
        var version = typeof(CapabilitySet).Assembly.GetName().Version ?? new Version(0, 0, 0);
        return (version.Major * 10000) + (version.Minor * 100) + Math.Max(version.Build, 0);
    }

    /// <summary>The informational version string of Thespian.Core.</summary>
    public static string VersionText =>
        typeof(CapabilitySet).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
