using System.Collections;
using System.Globalization;
using System.Text;

namespace Thespian.Admin.Cli;

/// <summary>Writes a <see cref="ThespianSystemStatus"/> as a readable, multi-line summary.</summary>
internal static class StatusReport
{
    private const string None = "(none)";

    /// <summary>The summary: admin, processes, actors, names, dead-letter handlers, sources, convention, capabilities.</summary>
    /// <param name="baseName">The base the admin runs.</param>
    /// <param name="port">The admin port.</param>
    /// <param name="adminProcessId">The admin's process id.</param>
    /// <param name="hostProcessIds">The process ids of its actor hosts.</param>
    /// <param name="status">The status the admin sent.</param>
    /// <param name="conventionSystems">What the admin knows of the other systems of its convention (none outside one).</param>
    public static string Format(string baseName, int port, int adminProcessId, IReadOnlyList<int> hostProcessIds,
                                ThespianSystemStatus status, IReadOnlyList<Multiproc.ConventionMemberReport>? conventionSystems = null)
    {
        ArgumentNullException.ThrowIfNull(hostProcessIds);
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();
        Line(text, 0, $"{baseName} system on port {port}");
        Line(text, 1, $"Admin address:        {status.AdminAddress}");
        Line(text, 1, $"Admin process:        {adminProcessId}");
        Line(text, 1, $"Host processes:       {(hostProcessIds.Count == 0 ? None : string.Join(", ", hostProcessIds))}");
        Line(text, 1, $"Actors:               {status.ActorCount}");
        Line(text, 1, $"Global names:         {Count(status.GlobalNames.Count)}");
        foreach (var (name, address) in status.GlobalNames.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            Line(text, 2, $"{name} = {address}");
        }

        Line(text, 1, $"Dead-letter handlers: {List(status.DeadLetterHandlers)}");
        Line(text, 1, $"Source authority:     {status.SourceAuthority?.ToString() ?? None}");
        Line(text, 1, $"Loaded sources:       {Count(status.LoadedSources.Count)}");
        foreach (var hash in status.LoadedSources.Order(StringComparer.Ordinal))
        {
            Line(text, 2, hash);
        }

        Line(text, 1, $"Convention leader:    {status.ConventionLeader?.ToString() ?? None}");
        Line(text, 1, $"Convention members:   {List(status.ConventionMembers)}");
        foreach (var system in conventionSystems ?? [])
        {
            var heard = system.SecondsSinceHeard is { } seconds
                ? string.Create(CultureInfo.InvariantCulture, $"last heard {seconds:0.0} s ago")
                : "known through the leader";
            Line(text, 2, $"{system.Member.Admin} at {system.Member.Endpoint}{(system.IsLeader ? " (leader)" : "")}: {heard}");
            foreach (var (name, value) in system.Member.Capabilities.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                Line(text, 3, $"{name} = {Value(value)}");
            }
        }

        Line(text, 1, $"Capabilities:         {Count(status.Capabilities.Count)}");
        foreach (var (name, value) in status.Capabilities.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Line(text, 2, $"{name} = {Value(value)}");
        }

        return text.ToString();
    }

    /// <summary>A capability value as text: strings quoted, bools lower-case, lists in brackets.</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IDictionary dictionary => "{" + string.Join(", ", dictionary.Keys.Cast<object>()
                                                                    .Select(k => $"{Value(k)}: {Value(dictionary[k])}")) + "}",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? "",
    };

    private static string Count(int count) => count == 0 ? None : count.ToString(CultureInfo.InvariantCulture);

    private static string List(IReadOnlyList<ActorAddress> addresses) =>
        addresses.Count == 0 ? None : string.Join(", ", addresses);

    private static void Line(StringBuilder text, int indent, string line) =>
        text.Append(' ', indent * 2).Append(line).Append('\n');
}
