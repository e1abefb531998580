using Microsoft.Extensions.Logging;

namespace Thespian.Runtime;

/// <summary>A logger factory that writes to the application's factory (if any) and to Thespian's own providers.</summary>
internal sealed class CompositeLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory? _application;
    private readonly LogLevel _applicationMinimum;
    private readonly List<ILoggerProvider> _providers;

    /// <param name="application">The application's own factory, if any.</param>
    /// <param name="applicationMinimum">The lowest level passed to the application's factory.</param>
    /// <param name="providers">Thespian's own providers (console, file).</param>
    public CompositeLoggerFactory(ILoggerFactory? application, LogLevel applicationMinimum,
                                  IEnumerable<ILoggerProvider> providers)
    {
        _application = application;
        _applicationMinimum = applicationMinimum;
        _providers = providers.ToList();
    }

    public void AddProvider(ILoggerProvider provider) => _providers.Add(provider);

    public ILogger CreateLogger(string categoryName)
    {
        var loggers = _providers.Select(p => p.CreateLogger(categoryName)).ToList();
        if (_application is not null)
        {
            loggers.Add(new MinimumLevelLogger(_application.CreateLogger(categoryName), _applicationMinimum));
        }

        return loggers.Count == 1 ? loggers[0] : new CompositeLogger(loggers.ToArray());
    }

    public void Dispose()
    {
        // The providers belong to ThespianLogging; the application's factory to the application.
    }

    /// <summary>Passes on only records at or above a level.</summary>
    private sealed class MinimumLevelLogger(ILogger inner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                                Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    private sealed class CompositeLogger(ILogger[] loggers) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => loggers.Any(l => l.IsEnabled(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                                Func<TState, Exception?, string> formatter)
        {
            foreach (var logger in loggers)
            {
                if (logger.IsEnabled(logLevel))
                {
                    logger.Log(logLevel, eventId, state, exception, formatter);
                }
            }
        }
    }
}
