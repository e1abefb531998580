namespace Thespian.Multiproc;

/// <summary>
/// From an application with its own logger factory to the admin: send this endpoint the system's log records at or above
/// <paramref name="MinimumLevel"/> (a <see cref="Microsoft.Extensions.Logging.LogLevel"/>; None stops them).
/// </summary>
internal sealed record LogSinkRequest(long RequestId, string Endpoint, int MinimumLevel) : IControlRequest;

/// <summary>From the admin to an actor host: pass on its records at or above this level (None: none).</summary>
internal sealed record LogForwarding(int MinimumLevel) : IControlMessage;

/// <summary>
/// One log record of the admin or of an actor host, on its way to the applications registered as log sinks (from a host
/// to the admin, then from the admin to each sink).
/// </summary>
/// <param name="Level">A <see cref="Microsoft.Extensions.Logging.LogLevel"/>.</param>
/// <param name="Category">The logger's category (an actor's type for an actor's record).</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message, with the exception after it.</param>
/// <param name="Properties">The record's named values, as text.</param>
/// <param name="ProcessId">The process it was logged in.</param>
internal sealed record ForwardedLogRecord(int Level, string Category, int EventId, string Message,
                                         IReadOnlyDictionary<string, string?> Properties, int ProcessId) : IControlMessage;

/// <summary>Log levels as the control records above carry them (an int, since any peer may send any number).</summary>
internal static class WireLogLevel
{
    /// <summary>The level <paramref name="level"/> stands for, or <paramref name="otherwise"/> when it stands for none.</summary>
    public static Microsoft.Extensions.Logging.LogLevel Read(int level, Microsoft.Extensions.Logging.LogLevel otherwise) =>
        Enum.IsDefined(typeof(Microsoft.Extensions.Logging.LogLevel), level) ? (Microsoft.Extensions.Logging.LogLevel)level : otherwise;
}
