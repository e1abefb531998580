using Microsoft.Extensions.Logging;

namespace Thespian.Runtime;

/// <summary>
/// A logging provider that hands every record at or above <see cref="MinimumLevel"/> to <see cref="Sink"/>: an admin
/// passes its warnings on to its convention's leader, an actor host its records to the admin, and an admin forwards
/// both to the applications that registered as log sinks. Records logged while the sink runs are not handed on again,
/// so a failure to pass one on cannot feed itself.
/// </summary>
internal sealed class LogRelay : ILoggerProvider
{
    [ThreadStatic]
    private static bool t_relaying;

    private volatile Action<LogRecordRelayed>? _sink;
    private volatile int _minimumLevel;

    /// <param name="minimumLevel">The least severe level handed on (<see cref="LogLevel.None"/>: none until changed).</param>
    public LogRelay(LogLevel minimumLevel = LogLevel.Warning) => _minimumLevel = (int)minimumLevel;

    /// <summary>Where records go (null: nowhere yet).</summary>
    public Action<LogRecordRelayed>? Sink
    {
        get => _sink;
        set => _sink = value;
    }

    /// <summary>The least severe level handed on; <see cref="LogLevel.None"/> hands on nothing.</summary>
    public LogLevel MinimumLevel
    {
        get => (LogLevel)_minimumLevel;
        set => _minimumLevel = (int)value;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new RelayLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose() => _sink = null;

    private bool Relays(LogLevel level) => level != LogLevel.None && (int)level >= _minimumLevel && _sink is not null;

    private void Relay(LogRecordRelayed record)
    {
        if (t_relaying || _sink is not { } sink)
        {
            return;
        }

        t_relaying = true;
        try
        {
            sink(record);
        }
        finally
        {
            t_relaying = false;
        }
    }

    private sealed class RelayLogger(LogRelay relay, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => relay.Relays(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var message = formatter(state, exception);
                relay.Relay(new LogRecordRelayed(logLevel, category, eventId, exception is null ? message : $"{message}{Environment.NewLine}{exception}",
                                                 PropertiesOf(state)));
            }
        }

        /// <summary>The record's named values as invariant text (the message template itself left out).</summary>
        private static Dictionary<string, string?> PropertiesOf<TState>(TState state)
        {
            var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    if (key != "{OriginalFormat}")
                    {
                        properties[key] = value is IFormattable formattable
                            ? formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture)
                            : value?.ToString();
                    }
                }
            }

            return properties;
        }
    }
}

/// <summary>One record a <see cref="LogRelay"/> hands on.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Category">Its logger's category.</param>
/// <param name="EventId">Its event id.</param>
/// <param name="Message">The formatted message, with the exception (if any) after it.</param>
/// <param name="Properties">Its named values (the actor's address among them for an actor's record), as text.</param>
internal sealed record LogRecordRelayed(LogLevel Level, string Category, EventId EventId, string Message,
                                        IReadOnlyDictionary<string, string?> Properties);
