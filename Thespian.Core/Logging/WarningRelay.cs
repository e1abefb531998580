using Microsoft.Extensions.Logging;

namespace Thespian.Runtime;

/// <summary>
/// A logging provider that hands every record of <see cref="LogLevel.Warning"/> and above to <see cref="Sink"/> (an admin
/// passes them on to its convention's leader). Records logged while the sink runs are not handed on again, so a failure
/// to pass one on cannot feed itself.
/// </summary>
internal sealed class WarningRelay : ILoggerProvider
{
    [ThreadStatic]
    private static bool t_relaying;

    private volatile Action<LogLevel, string, EventId, string>? _sink;

    /// <summary>Where records go: level, category, event id and the formatted message (null: nowhere yet).</summary>
    public Action<LogLevel, string, EventId, string>? Sink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RelayLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose() => _sink = null;

    private void Relay(LogLevel level, string category, EventId eventId, string message)
    {
        if (t_relaying || _sink is not { } sink)
        {
            return;
        }

        t_relaying = true;
        try
        {
            sink(level, category, eventId, message);
        }
        finally
        {
            t_relaying = false;
        }
    }

    private sealed class RelayLogger(WarningRelay relay, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && relay._sink is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                relay.Relay(logLevel, category, eventId, formatter(state, exception));
            }
        }
    }
}
