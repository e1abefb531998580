namespace Thespian.Sockets;

/// <summary>
/// Receive polling, shared by the socket transports: how long a busy receiving thread polls for the next message before
/// it blocks (TCP: per connection; UDP: the process's socket), set by the capability "Receive Poll Microseconds"
/// (0 turns polling off).
/// </summary>
internal static class ReceivePollSetting
{
    /// <summary>The capability that sets the poll window, in microseconds.</summary>
    public const string Capability = "Receive Poll Microseconds";

    /// <summary>The poll window when the capability is absent: 100 µs.</summary>
    public const int DefaultMicroseconds = 100;

    /// <summary>The longest poll window accepted: 10 ms (a larger value is taken as this).</summary>
    public const int MaxMicroseconds = 10_000;

    /// <summary>The poll window that <paramref name="capabilities"/> ask for (the default when absent or not a number ≥ 0).</summary>
    public static TimeSpan From(IReadOnlyDictionary<string, object?>? capabilities)
    {
        long microseconds = capabilities is not null && capabilities.TryGetValue(Capability, out var value)
            ? value switch
            {
                int us when us >= 0 => us,
                long us when us >= 0 => us,
                _ => DefaultMicroseconds,
            }
            : DefaultMicroseconds;
        return TimeSpan.FromMicroseconds(Math.Min(microseconds, MaxMicroseconds));
    }
}
