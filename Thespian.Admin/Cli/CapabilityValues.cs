using System.CommandLine.Parsing;
using System.Globalization;

namespace Thespian.Admin.Cli;

/// <summary>
/// <c>--capability NAME=VALUE</c> and <c>--convention HOST:PORT</c>: a value that is a whole number
/// becomes an int, <c>true</c>/<c>false</c> a bool, anything else stays a string.
/// </summary>
internal static class CapabilityValues
{
    /// <summary>How a value is typed, for --help.</summary>
    public const string TypingRule = "A whole number becomes an int, true/false a bool, anything else a string.";

    /// <summary>The typed value of one capability written on the command line.</summary>
    public static object ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (bool.TryParse(text, out var flag))
        {
            return flag;
        }

        return text;
    }

    /// <summary>Parses every <c>NAME=VALUE</c> token of a <c>--capability</c> option (a later one with the same name wins).</summary>
    public static IReadOnlyDictionary<string, object?> ParseCapabilities(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var capabilities = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var token in result.Tokens)
        {
            var separator = token.Value.IndexOf('=', StringComparison.Ordinal);
            var name = separator > 0 ? token.Value[..separator].Trim() : "";
            if (name.Length == 0)
            {
                result.AddError($"--capability needs NAME=VALUE; got '{token.Value}'.");
                continue;
            }

            capabilities[name] = ParseValue(token.Value[(separator + 1)..]);
        }

        return capabilities;
    }

    /// <summary>Parses <c>--convention HOST:PORT</c> into the "host:port" text the capability holds.</summary>
    public static string? ParseConvention(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens[0].Value.Trim();
        var separator = text.LastIndexOf(':');
        if (separator > 0 &&
            int.TryParse(text.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) &&
            port is >= 1 and <= 65535)
        {
            return text;
        }

        result.AddError($"--convention needs HOST:PORT (the convention leader's admin, e.g. 10.0.0.5:1900); got '{text}'.");
        return null;
    }
}
