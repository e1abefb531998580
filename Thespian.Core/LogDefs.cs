using Microsoft.Extensions.Logging;

namespace Thespian;

/// <summary>
/// Where the actor system's and the actors' logs go. Pass null to the <see cref="ActorSystem"/>
/// constructor for the base's default (warnings and above to the console, plus <see cref="FilePath"/>
/// when set), or <see cref="Disabled"/> for no logging at all (Python's <c>logDefs=False</c>).
/// </summary>
public sealed record LogDefs
{
    /// <summary>No logging configuration: nothing is written (Python's <c>logDefs=False</c>).</summary>
    public static LogDefs Disabled { get; } = new() { IsDisabled = true };

    /// <summary>One file for the whole system's log, or null for none.</summary>
    public string? FilePath { get; init; }

    /// <summary>The lowest level written to <see cref="FilePath"/> and to <see cref="LoggerFactory"/>.</summary>
    public LogLevel MinimumLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// Your own logger factory: when set, the system and its actors log through it (in addition to
    /// <see cref="FilePath"/>), and nothing is written to the console.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Whether logging is switched off entirely.</summary>
    public bool IsDisabled { get; init; }
}
