using System.Globalization;

namespace Thespian.Hosting;

/// <summary>
/// Turns capability values from configuration (text, or lists of text) into the types Thespian reads for each
/// capability it knows; the application's own capabilities follow the command line's rule (whole number → int,
/// true/false → bool, else text). A value of the right type given in code passes unchanged.
/// </summary>
internal static class CapabilityConversion
{
    /// <summary>
    /// What Thespian reads for each capability it knows, and how to get there from text. Where each is read:
    /// MultiprocSystemBase.AdminPort, WireProtocol.MaxFrameBytesFrom, Thespian.Sockets' ReceivePollSetting,
    /// Thespian.Bases.MultiprocUdp's UdpPeerTimeout, Thespian.Bases.MultiprocTcp's TcpLimitSettings, the admin's ConventionSettings, MultiprocNode (routing),
    /// AdminServer.RemoteSources and ProcessStartupMethods.
    /// </summary>
    private static readonly Dictionary<string, CapabilityKind> Known = new(StringComparer.Ordinal)
    {
        [CommonCapabilities.AdminPort] = CapabilityKind.Port,
        [Wire.WireProtocol.MaxMessageSizeCapability] = CapabilityKind.PositiveInt,
        ["Receive Poll Microseconds"] = CapabilityKind.NonNegativeInt,
        [CommonCapabilities.ConventionRegistrationMissMax] = CapabilityKind.PositiveInt,
        ["UDP Peer Timeout Seconds"] = CapabilityKind.PositiveSeconds,
        [CommonCapabilities.FrameDeadlineSeconds] = CapabilityKind.PositiveSeconds,
        [CommonCapabilities.MaxInboundConnections] = CapabilityKind.PositiveInt,
        [CommonCapabilities.ConventionRegistrationPeriod] = CapabilityKind.Period,
        [CommonCapabilities.AdminRouting] = CapabilityKind.Bool,
        [CommonCapabilities.OutboundOnly] = CapabilityKind.Bool,
        [CommonCapabilities.ConventionAddressIPv4] = CapabilityKind.Leaders,
        [CommonCapabilities.AllowRemoteActorSources] = CapabilityKind.RemoteSources,
        [CommonCapabilities.ProcessStartupMethod] = CapabilityKind.StartupMethod,
    };

    private enum CapabilityKind
    {
        Port,
        PositiveInt,
        NonNegativeInt,
        PositiveSeconds,
        Period,
        Bool,
        Leaders,
        RemoteSources,
        StartupMethod,
    }

    /// <summary>Converts every value in place.</summary>
    /// <returns>One line per value that cannot be converted (empty when all are).</returns>
    public static List<string> ConvertAll(IDictionary<string, object?> capabilities)
    {
        var failures = new List<string>();
        foreach (var name in capabilities.Keys.ToList())
        {
            if (CommonCapabilities.ReadOnlyNames.Contains(name))
            {
                failures.Add($"Capability \"{name}\" is read-only: the system supplies it; remove it from the configuration.");
                continue;
            }

            try
            {
                capabilities[name] = Convert(name, capabilities[name]);
            }
            catch (FormatException ex)
            {
                failures.Add(ex.Message);
            }
        }

        return failures;
    }

    /// <summary>The value Thespian reads for <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">The value cannot be converted; the message names the capability, the value and the type expected.</exception>
    public static object? Convert(string name, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!Known.TryGetValue(name, out var kind))
        {
            return value is string text ? Untyped(text) : value;
        }

        return kind switch
        {
            CapabilityKind.Port => Int(name, value, 1, 65535, "a port number (int) from 1 to 65535"),
            CapabilityKind.PositiveInt => Int(name, value, 1, int.MaxValue, "a whole number (int) of at least 1"),
            CapabilityKind.NonNegativeInt => Int(name, value, 0, int.MaxValue, "a whole number (int) of at least 0"),
            CapabilityKind.PositiveSeconds => Seconds(name, value),
            CapabilityKind.Period => value is string period && period.Contains(':', StringComparison.Ordinal) ? period : Seconds(name, value),
            CapabilityKind.Bool => Bool(name, value),
            CapabilityKind.Leaders => Leaders(name, value),
            CapabilityKind.RemoteSources => OneOf(name, value, "Yes", "No", "LeaderOnly"),
            CapabilityKind.StartupMethod => OneOf(name, value, Runtime.ProcessStartupMethods.Pool, Runtime.ProcessStartupMethods.Spawn),
            _ => value,
        };
    }

    private static object Untyped(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number
        : bool.TryParse(text, out var flag) ? flag
        : text;

    private static int Int(string name, object value, int min, int max, string expected)
    {
        int? number = value switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            string text when int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return number is { } n && n >= min && n <= max ? n : throw Invalid(name, value, expected);
    }

    private static double Seconds(string name, object value)
    {
        double? seconds = value switch
        {
            int i => i,
            long l => l,
            double d => d,
            float f => f,
            decimal m => (double)m,
            TimeSpan t => t.TotalSeconds,
            string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return seconds is { } s && double.IsFinite(s) && s > 0
            ? s
            : throw Invalid(name, value, "a number of seconds (double) greater than 0" +
                                         (name == CommonCapabilities.ConventionRegistrationPeriod ? ", or \"minutes:seconds\"" : ""));
    }

    private static bool Bool(string name, object value) => value switch
    {
        bool flag => flag,
        string text when bool.TryParse(text.Trim(), out var flag) => flag,
        _ => throw Invalid(name, value, "true or false (bool)"),
    };

    private static object Leaders(string name, object value) => value switch
    {
        string text => text,
        IEnumerable<string> list => list.ToArray(),
        IEnumerable<object?> items when items.All(item => item is string) => items.Cast<string>().ToArray(),
        _ => throw Invalid(name, value, "\"host:port\" text, or a list of them (string[])"),
    };

    private static string OneOf(string name, object value, params string[] allowed)
    {
        var match = value is string text
            ? allowed.FirstOrDefault(option => string.Equals(option, text.Trim(), StringComparison.OrdinalIgnoreCase))
            : null;
        return match ?? throw Invalid(name, value, $"one of {string.Join(", ", allowed.Select(option => $"\"{option}\""))} (string)");
    }

    private static FormatException Invalid(string name, object value, string expected) =>
        new($"Capability \"{name}\" must be {expected}; got {Describe(value)}.");

    private static string Describe(object value) => value switch
    {
        string text => $"\"{text}\"",
        IEnumerable<object?> items => $"[{string.Join(", ", items)}] ({value.GetType().Name})",
        _ => $"{value} ({value.GetType().Name})",
    };
}
