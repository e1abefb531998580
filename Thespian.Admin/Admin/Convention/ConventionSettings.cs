using System.Globalization;

namespace Thespian.Admin.Admin.Convention;

/// <summary>
/// How an admin takes part in a convention, read from its capabilities: the leaders it checks in with (in order of
/// preference), how often, and how many check-ins may be missed before a system counts as lost.
/// </summary>
/// <param name="Leaders">The leaders' admin endpoints, in order of preference (empty: this admin only leads, if anyone checks in).</param>
/// <param name="Period">How often this admin checks in with each leader.</param>
/// <param name="MissMax">How many periods of silence make a system lost.</param>
internal sealed record ConventionSettings(IReadOnlyList<string> Leaders, TimeSpan Period, int MissMax)
{
    /// <summary>The check-in period when neither the capability nor <c>CONVENTION_REREGISTRATION_PERIOD</c> says (Python: 7 min 22 s).</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Missed check-ins before a loss when neither the capability nor <c>CONVENTION_REGISTRATION_MISS_MAX</c> says (as Python).</summary>
    public const int DefaultMissMax = 3;

    /// <summary>How long a system may stay silent before it counts as lost.</summary>
    public TimeSpan LossAfter => Period * MissMax;

    /// <summary>Reads the settings from capabilities (then the environment, then the defaults).</summary>
    /// <exception cref="ArgumentException">A value cannot be read; the message says which and what is expected.</exception>
    public static ConventionSettings From(IReadOnlyDictionary<string, object?> capabilities, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var leaders = ParseLeaders(capabilities.GetValueOrDefault(CommonCapabilities.ConventionAddressIPv4));
        var period = Read(capabilities, CommonCapabilities.ConventionRegistrationPeriod, environment, "CONVENTION_REREGISTRATION_PERIOD",
                          ParsePeriod, DefaultPeriod);
        var missMax = Read(capabilities, CommonCapabilities.ConventionRegistrationMissMax, environment, "CONVENTION_REGISTRATION_MISS_MAX",
                           ParseMissMax, DefaultMissMax);
        return new ConventionSettings(leaders, period, missMax);
    }

    /// <summary>A setting from its capability, else from Python's environment variable, else the default.</summary>
    private static T Read<T>(IReadOnlyDictionary<string, object?> capabilities, string capability, Func<string, string?> environment,
                             string variable, Func<object, string, T> parse, T defaultValue) =>
        capabilities.GetValueOrDefault(capability) is { } value ? parse(value, capability)
        : environment(variable) is { Length: > 0 } text ? parse(text, variable)
        : defaultValue;

    /// <summary>"host:port", several as a comma-separated string or a list of strings.</summary>
    public static IReadOnlyList<string> ParseLeaders(object? value) => value switch
    {
        null => [],
        string text => Split(text),
        IEnumerable<object?> items => items.SelectMany(item => item is string s
            ? Split(s)
            : throw Invalid(CommonCapabilities.ConventionAddressIPv4, item, "\"host:port\" strings")).Distinct(StringComparer.Ordinal).ToArray(),
        _ => throw Invalid(CommonCapabilities.ConventionAddressIPv4, value, "\"host:port\", or several as a list or a comma-separated string"),
    };

    private static string[] Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)
            .Select(leader => Sockets.IpEndpoints.IsEndpoint(leader)
                ? leader
                : throw Invalid(CommonCapabilities.ConventionAddressIPv4, leader,
                                "\"host:port\" with the leader's host (an IP address or a name) before the colon"))
            .ToArray();

    /// <summary>Seconds (a number or its text), or Python's "minutes:seconds".</summary>
    private static TimeSpan ParsePeriod(object value, string name)
    {
        var seconds = value switch
        {
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            decimal m => (double)m,
            TimeSpan t => t.TotalSeconds,
            string text when text.Split(':') is [var minutes, var secs] &&
                             int.TryParse(minutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) &&
                             int.TryParse(secs, NumberStyles.None, CultureInfo.InvariantCulture, out var s) => (m * 60) + s,
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => double.NaN,
        };
        return seconds is >= 0.05 and <= 86400
            ? TimeSpan.FromSeconds(seconds)
            : throw Invalid(name, value, "seconds between 0.05 and 86400 (a number), or \"minutes:seconds\"");
    }

    private static int ParseMissMax(object value, string name)
    {
        var count = value switch
        {
            int i => i,
            long l when l is >= 1 and <= 1000 => (int)l,
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i,
            _ => 0,
        };
        return count is >= 1 and <= 1000 ? count : throw Invalid(name, value, "a whole number from 1 to 1000");
    }

    private static ArgumentException Invalid(string name, object? value, string expected) =>
        new($"The convention setting \"{name}\" is '{value}'; it must be {expected}.");
}
