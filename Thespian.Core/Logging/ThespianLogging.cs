using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Thespian.Runtime;

/// <summary>
/// The logging of one actor system, built from its <see cref="LogDefs"/>: the application's own
/// <see cref="ILoggerFactory"/> if given, else warnings and above to the console; plus the log file
/// when <see cref="LogDefs.FilePath"/> is set; nothing at all for <see cref="LogDefs.Disabled"/>.
/// </summary>
internal sealed class ThespianLogging : IDisposable
{
    private readonly ILoggerFactory _factory;
    private readonly List<IDisposable> _owned = [];

    public ThespianLogging(LogDefs? logDefs, params ILoggerProvider[] relays)
    {
        logDefs ??= new LogDefs();
        if (logDefs.IsDisabled)
        {
            _factory = NullLoggerFactory.Instance;
        }
        else
        {
            var providers = new List<ILoggerProvider>();
            if (logDefs.LoggerFactory is null)
            {
                providers.Add(TextLoggerProvider.ForConsole(LogLevel.Warning));
            }

            if (logDefs.FilePath is not null)
            {
                providers.Add(TextLoggerProvider.ForFile(logDefs.FilePath, logDefs.MinimumLevel));
            }

            providers.AddRange(relays);

            _owned.AddRange(providers);
            _factory = new CompositeLoggerFactory(logDefs.LoggerFactory, logDefs.MinimumLevel, providers);
        }

        RuntimeLogger = _factory.CreateLogger("Thespian.Runtime");
    }

    /// <summary>A setup that writes nothing.</summary>
    public static ThespianLogging Disabled { get; } = new(LogDefs.Disabled);

    /// <summary>The logger for the runtime's own records.</summary>
    public ILogger RuntimeLogger { get; }

    /// <summary>A logger named after a type.</summary>
    public ILogger CreateLogger(Type type) => _factory.CreateLogger(type.FullName ?? type.Name);

    /// <summary>A logger with a category name.</summary>
    public ILogger CreateLogger(string category) => _factory.CreateLogger(category);

    /// <summary>Flushes and closes the log file, if any.</summary>
    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }
}
