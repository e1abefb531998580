using System.Collections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Thespian.Multiproc;

/// <summary>
/// On a multiproc base, an application that gives <see cref="LogDefs.LoggerFactory"/> registers with the admin as a log
/// sink: the admin's records and its actors' (from their own processes) then reach the application's providers, as
/// records logged in the application do. Each forwarded record keeps its category, level, event id, message and named
/// values (as text), plus <see cref="ProcessIdProperty"/>, the process it was logged in.
/// </summary>
internal sealed class ApplicationLogSink
{
    /// <summary>The property naming the process a forwarded record was logged in.</summary>
    public const string ProcessIdProperty = "ThespianProcessId";

    private static readonly TimeSpan RegistrationWait = TimeSpan.FromSeconds(10);

    private readonly ILoggerFactory _factory;
    private readonly LogLevel _minimumLevel;

    private ApplicationLogSink(ILoggerFactory factory, LogLevel minimumLevel)
    {
        _factory = factory;
        _minimumLevel = minimumLevel;
    }

    /// <summary>
    /// The sink for these log definitions: only with an application logger factory (not the do-nothing
    /// <see cref="NullLoggerFactory"/>) and logging not disabled.
    /// </summary>
    public static ApplicationLogSink? For(LogDefs? logDefs) =>
        logDefs is { IsDisabled: false, LoggerFactory: { } factory and not NullLoggerFactory } && logDefs.MinimumLevel != LogLevel.None
            ? new ApplicationLogSink(factory, logDefs.MinimumLevel)
            : null;

    /// <summary>Asks the admin to send this process's node the system's records.</summary>
    /// <exception cref="ActorSystemException">The admin did not agree.</exception>
    public void Register(MultiprocNode node, string adminEndpoint)
    {
        var reply = node.Request(adminEndpoint, id => new LogSinkRequest(id, node.LocalEndpoint, (int)_minimumLevel), RegistrationWait);
        if (!reply.Succeeded)
        {
            throw ControlErrors.ToException(reply);
        }
    }

    /// <summary>Asks the admin to stop (best effort: this process is leaving the system, which runs on).</summary>
    public static void Leave(MultiprocNode node, string adminEndpoint)
    {
        try
        {
            node.Request(adminEndpoint, id => new LogSinkRequest(id, node.LocalEndpoint, (int)LogLevel.None), RegistrationWait);
        }
        catch (ActorSystemException)
        {
            // The admin is gone: so are its records.
        }
    }

    /// <summary>Writes a forwarded record to the application's providers.</summary>
    public void Write(ForwardedLogRecord record)
    {
        var level = WireLogLevel.Read(record.Level, LogLevel.Warning);
        var logger = _factory.CreateLogger(record.Category);
        if (level >= _minimumLevel && logger.IsEnabled(level))
        {
            logger.Log(level, new EventId(record.EventId), new ForwardedState(record), null, static (state, _) => state.Record.Message);
        }
    }

    /// <summary>The record's named values, its process, and its message as the original format.</summary>
    private sealed class ForwardedState(ForwardedLogRecord record) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _pairs =
        [
            .. record.Properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)),
            new(ProcessIdProperty, record.ProcessId),
        ];

        public ForwardedLogRecord Record { get; } = record;

        public int Count => _pairs.Length;

        public KeyValuePair<string, object?> this[int index] => _pairs[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Record.Message;
    }
}
