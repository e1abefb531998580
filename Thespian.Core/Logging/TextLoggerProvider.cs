using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Thespian.Runtime;

/// <summary>
/// Writes log records as single lines: to standard error (the console default) or appended to a file
/// shared by every process of a system. A record that carries an "ActorAddress" shows it.
/// </summary>
internal sealed class TextLoggerProvider : ILoggerProvider
{
    private readonly TextWriter _writer;
    private readonly LogLevel _minimum;
    private readonly bool _ownsWriter;
    private readonly Lock _gate = new();

    private TextLoggerProvider(TextWriter writer, LogLevel minimum, bool ownsWriter)
    {
        _writer = writer;
        _minimum = minimum;
        _ownsWriter = ownsWriter;
    }

    /// <summary>Warnings (or the given level) and above to standard error.</summary>
    public static TextLoggerProvider ForConsole(LogLevel minimum) => new(Console.Error, minimum, ownsWriter: false);

    /// <summary>Records at <paramref name="minimum"/> and above appended to <paramref name="path"/>.</summary>
    public static TextLoggerProvider ForFile(string path, LogLevel minimum)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var stream = AppendOnlyFile.Open(path);
        return new TextLoggerProvider(new StreamWriter(stream, new System.Text.UTF8Encoding(false), 64 * 1024) { AutoFlush = true },
                                      minimum, ownsWriter: true);
    }

    public ILogger CreateLogger(string categoryName) => new TextLogger(this, categoryName);

    public void Dispose()
    {
        if (_ownsWriter)
        {
            lock (_gate)
            {
                _writer.Dispose();
            }
        }
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            try
            {
                _writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The system has shut down; late records are dropped.
            }
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRIT",
        _ => "NONE",
    };

    private sealed class TextLogger(TextLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                                Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var address = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.FirstOrDefault(p => p.Key == ActorLogger.AddressProperty).Value
                : null;
            var time = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
            var where = address is null ? category : $"{category} {address}";
            var line = $"{time} {LevelName(logLevel),-5} [{Environment.ProcessId}] {where} => {formatter(state, exception)}";
            if (exception is not null)
            {
                line += Environment.NewLine + "    " + exception;
            }

            provider.Write(line);
        }
    }
}
