using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Thespian.Tests.Infrastructure;

/// <summary>One captured log record: its category, level, formatted message and structured properties.</summary>
public sealed record CapturedLogRecord(string Category, LogLevel Level, string Message,
                                       IReadOnlyDictionary<string, object?> Properties);

/// <summary>
/// An <see cref="ILoggerFactory"/> that keeps every record it is given (every level is enabled), for tests
/// that check what actors and the runtime log. In-process only: give it to <see cref="LogDefs.LoggerFactory"/>.
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLogRecord> _records = new();

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<CapturedLogRecord> Records => _records.ToArray();

    /// <summary>The records whose formatted message contains <paramref name="text"/>.</summary>
    public IReadOnlyList<CapturedLogRecord> WithMessage(string text) =>
        Records.Where(r => r.Message.Contains(text, StringComparison.Ordinal)).ToArray();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The capturing logger factory takes no providers.");

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                                Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    properties[key] = value;
                }
            }

            owner._records.Enqueue(new CapturedLogRecord(category, logLevel, formatter(state, exception), properties));
        }
    }
}
