using Microsoft.Extensions.Logging;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

/// <summary>
/// Applications that log through their own logger factory register as log sinks (<see cref="LogSinkRequest"/>): the
/// admin then sends each of them its own records and its actor hosts' (<see cref="ForwardedLogRecord"/>) at or above
/// the level that sink asked for, as Python Thespian's logging actor passes every record to the logging the starting
/// application configured. Hosts are told the least severe level any sink wants (<see cref="LogForwarding"/>), and
/// pass on nothing while no sink is registered. At most <see cref="MaxForwardedPerSecond"/> records a second are
/// forwarded; undelivered-message warnings are not (one about a sink that has gone would only add another).
/// </summary>
internal sealed partial class AdminServer
{
    private const int MaxForwardedPerSecond = 2000;

    private readonly Dictionary<string, LogLevel> _logSinks = new(StringComparer.Ordinal);
    private readonly PerSecondLimit _forwardLimit = new(MaxForwardedPerSecond);

    /// <summary>The least severe level any sink wants (None without sinks).</summary>
    private LogLevel SinkLevel => _logSinks.Count == 0 ? LogLevel.None : _logSinks.Values.Min();

    /// <summary>Starts handing this admin's own records to the sinks.</summary>
    private void StartSinkRelay()
    {
        if (_sinkRelay is not null)
        {
            _sinkRelay.Sink = record =>
            {
                if (record.EventId.Id != UndeliverableEventId)
                {
                    var forwarded = new ForwardedLogRecord((int)record.Level, record.Category, record.EventId.Id, record.Message,
                                                           record.Properties, Environment.ProcessId);
                    Post(() => ForwardToSinks(forwarded));
                }
            };
        }
    }

    private void HandleLogSink(LogSinkRequest request, Envelope envelope)
    {
        var level = WireLogLevel.Read(request.MinimumLevel, LogLevel.None);
        if (level == LogLevel.None)
        {
            _logSinks.Remove(request.Endpoint);
        }
        else
        {
            _logSinks[request.Endpoint] = level;
        }

        ReplyWith(envelope, new ControlReply(request.RequestId));
        AnnounceSinkLevel();
    }

    /// <summary>Tells this admin's relay and every running host the level the sinks now want.</summary>
    private void AnnounceSinkLevel()
    {
        var level = SinkLevel;
        if (_sinkRelay is not null)
        {
            _sinkRelay.MinimumLevel = level;
        }

        foreach (var host in _pool.All)
        {
            if (host.Endpoint is { } endpoint)
            {
                SendControl(endpoint, new LogForwarding((int)level));
            }
        }
    }

    /// <summary>A new host learns the level before its first actor runs.</summary>
    private void TellNewHostTheSinkLevel(string hostEndpoint)
    {
        if (_logSinks.Count > 0)
        {
            SendControl(hostEndpoint, new LogForwarding((int)SinkLevel));
        }
    }

    private void ForwardToSinks(ForwardedLogRecord record)
    {
        if (_logSinks.Count == 0 || record.EventId == UndeliverableEventId)
        {
            return;
        }

        if (!_forwardLimit.TryTake(Now))
        {
            return;
        }

        foreach (var (endpoint, level) in _logSinks)
        {
            if (record.Level >= (int)level)
            {
                SendControl(endpoint, record);
            }
        }
    }
}
