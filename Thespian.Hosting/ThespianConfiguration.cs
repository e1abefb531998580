using Microsoft.Extensions.Configuration;

namespace Thespian.Hosting;

/// <summary>
/// Reads a configuration section into <see cref="ThespianOptions"/>. Capabilities are read by hand rather than bound,
/// because their names contain spaces and dots and their values may be lists; everything else is bound, and a key
/// this class does not know is an error (a misspelt setting is never silently ignored).
/// </summary>
internal static class ThespianConfiguration
{
    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(ThespianOptions.SystemBase), nameof(ThespianOptions.Capabilities), nameof(ThespianOptions.Log),
        nameof(ThespianOptions.TransientUnique), nameof(ThespianOptions.ShutdownOnStop),
        nameof(ThespianOptions.ConstructActorsWithServices),
    };

    /// <summary>Applies <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <exception cref="InvalidOperationException">The section holds a key that is not a Thespian setting, or a value of the wrong form.</exception>
    public static void Apply(IConfiguration section, ThespianOptions options)
    {
        var unknown = section.GetChildren().Select(child => child.Key).Where(key => !KnownKeys.Contains(key)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unknown Thespian setting(s) {string.Join(", ", unknown.Select(key => $"\"{key}\""))} in {Where(section)}; " +
                $"the settings are {string.Join(", ", KnownKeys)}.");
        }

        options.SystemBase = section[nameof(ThespianOptions.SystemBase)] ?? options.SystemBase;
        options.TransientUnique = section.GetValue(nameof(ThespianOptions.TransientUnique), options.TransientUnique);
        options.ShutdownOnStop = section.GetValue(nameof(ThespianOptions.ShutdownOnStop), options.ShutdownOnStop);
        options.ConstructActorsWithServices =
            section.GetValue(nameof(ThespianOptions.ConstructActorsWithServices), options.ConstructActorsWithServices);
        section.GetSection(nameof(ThespianOptions.Log)).Bind(options.Log, binder => binder.ErrorOnUnknownConfiguration = true);
        foreach (var capability in section.GetSection(nameof(ThespianOptions.Capabilities)).GetChildren())
        {
            options.Capabilities[capability.Key] = ValueOf(capability);
        }
    }

    /// <summary>A capability's raw value: its text, or the texts of a list.</summary>
    private static object? ValueOf(IConfigurationSection capability)
    {
        var items = capability.GetChildren().ToList();
        if (items.Count == 0)
        {
            return capability.Value;
        }

        if (items.Any(item => !int.TryParse(item.Key, out _) || item.GetChildren().Any()))
        {
            throw new InvalidOperationException(
                $"Capability \"{capability.Key}\" in {Where(capability)} holds nested settings; give one value or a list of values.");
        }

        return items.OrderBy(item => int.Parse(item.Key, System.Globalization.CultureInfo.InvariantCulture))
                    .Select(item => item.Value ?? "").ToArray();
    }

    private static string Where(IConfiguration configuration) =>
        configuration is IConfigurationSection { Path: { Length: > 0 } path } ? $"configuration section \"{path}\"" : "the configuration";
}
