using System.Globalization;

namespace Thespian.Runtime;

/// <summary>
/// The text commands a troupe answers itself instead of handing them to a worker, as Python's troupes do:
/// <c>"troupe:set_max_count=N"</c> (answered "Set troupe max_count to N"), <c>"troupe:set_idle_count=N"</c> ("Set troupe
/// idle_count to N") and <c>"troupe:status?"</c> (a line with the limits, the workers and the queued work).
/// </summary>
internal static class TroupeCommands
{
    /// <summary>Sets the most workers at once.</summary>
    public const string SetMaxCount = "troupe:set_max_count=";

    /// <summary>Sets the idle workers kept.</summary>
    public const string SetIdleCount = "troupe:set_idle_count=";

    /// <summary>Asks for the troupe's state.</summary>
    public const string Status = "troupe:status?";

    /// <summary>Whether a text message is one of the commands (any other text is work for a worker).</summary>
    public static bool IsCommand(string text) =>
        text == Status || text.StartsWith(SetMaxCount, StringComparison.Ordinal) || text.StartsWith(SetIdleCount, StringComparison.Ordinal);

    /// <summary>Reads the count after the '=' of a set command; <paramref name="problem"/> says why it cannot be used.</summary>
    public static bool TryParseCount(string command, int minimum, out int count, out string problem)
    {
        var text = command[(command.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
        {
            problem = $"'{text}' is not a whole number.";
            return false;
        }

        if (count < minimum)
        {
            problem = $"{count} is below the least allowed, {minimum}.";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>Python's status line: <c>Idle=2, Max=10, Troupers [3, 1 idle, 0 extra]: [...], Pending=0</c>.</summary>
    public static string DescribeStatus(int idleCount, int maxCount, IReadOnlyCollection<ActorAddress> workers,
                                        IReadOnlyCollection<ActorAddress> idle, int pending)
    {
        var listed = string.Join(", ", workers.Select(w => idle.Contains(w) ? $"I:{w}" : w.ToString()));
        return string.Create(CultureInfo.InvariantCulture,
            $"Idle={idleCount}, Max={maxCount}, Troupers [{workers.Count}, {idle.Count} idle, 0 extra]: [{listed}], Pending={pending}");
    }
}
