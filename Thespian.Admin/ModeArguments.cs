using System.Globalization;

namespace Thespian.Admin;

/// <summary>
/// The options of the internal modes (<c>admin-run</c>, <c>host</c>) that Thespian itself passes when it
/// starts an admin or a host: <c>--name value</c> pairs, some repeatable.
/// </summary>
internal sealed class ModeArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private ModeArguments()
    {
    }

    /// <exception cref="ArgumentException">An option without its value, or a stray word.</exception>
    public static ModeArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ModeArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--option value' but found '{name}'.");
            }

            if (!parsed._values.TryGetValue(name, out var list))
            {
                parsed._values[name] = list = [];
            }

            list.Add(args[++i]);
        }

        return parsed;
    }

    public string? Optional(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public string Required(string name) => Optional(name) ?? throw new ArgumentException($"The option {name} is required.");

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public int RequiredInt(string name) =>
        int.TryParse(Required(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"The option {name} needs a whole number.");
}
