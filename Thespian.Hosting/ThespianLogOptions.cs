using Microsoft.Extensions.Logging;

namespace Thespian.Hosting;

/// <summary>The "Log" part of <see cref="ThespianOptions"/>: becomes the system's <see cref="LogDefs"/>.</summary>
public sealed class ThespianLogOptions
{
    /// <summary>No logging at all (Python's <c>logDefs=False</c>).</summary>
    public bool Disabled { get; set; }

    /// <summary>One file for the whole system; null for the base's default.</summary>
    public string? FilePath { get; set; }

    /// <summary>The least severe level logged; null for the default (Information).</summary>
    public LogLevel? MinimumLevel { get; set; }

    /// <summary>
    /// Whether the system and the actors that run in this process log through the application's own
    /// <see cref="ILoggerFactory"/> (its providers, filters and scopes) instead of the console (the default).
    /// </summary>
    public bool UseApplicationLogging { get; set; } = true;

    /// <summary>The <see cref="LogDefs"/> these settings mean (null: the base's default).</summary>
    /// <param name="applicationLogging">The application's logger factory, used when <see cref="UseApplicationLogging"/> is set.</param>
    /// <returns>The log definitions to start the system with.</returns>
    public LogDefs? ToLogDefs(ILoggerFactory? applicationLogging = null)
    {
        if (Disabled)
        {
            return LogDefs.Disabled;
        }

        var loggerFactory = UseApplicationLogging ? applicationLogging : null;
        if (FilePath is null && MinimumLevel is null && loggerFactory is null)
        {
            return null;
        }

        var defs = new LogDefs { FilePath = FilePath, LoggerFactory = loggerFactory };
        return MinimumLevel is { } level ? defs with { MinimumLevel = level } : defs;
    }
}
