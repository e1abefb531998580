using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>
/// The capabilities that tune a process's transport, applied wherever a process learns the system's capabilities (at
/// start, when it joins, when a host gets its actor, and when a capability changes).
/// </summary>
internal static class TransportSettings
{
    /// <summary>
    /// The capability that sets how long a busy connection's receiving thread polls for the next message before it
    /// blocks, in microseconds (0 turns polling off).
    /// </summary>
    public const string ReceivePollCapability = "Receive Poll Microseconds";

    /// <summary>The poll window when the capability is absent: 100 µs.</summary>
    public const int DefaultReceivePollMicroseconds = 100;

    /// <summary>The longest poll window accepted: 10 ms (a larger value is taken as this).</summary>
    public const int MaxReceivePollMicroseconds = 10_000;

    /// <summary>Sets the transport's message size limit and receive poll from <paramref name="capabilities"/>.</summary>
    public static void Apply(ITransport transport, IReadOnlyDictionary<string, object?>? capabilities)
    {
        transport.MaxMessageBytes = WireProtocol.MaxFrameBytesFrom(capabilities);
        transport.ReceivePoll = ReceivePollFrom(capabilities);
    }

    /// <summary>The receive poll window that <paramref name="capabilities"/> ask for (the default when absent or not a number ≥ 0).</summary>
    public static TimeSpan ReceivePollFrom(IReadOnlyDictionary<string, object?>? capabilities)
    {
        long microseconds = capabilities is not null && capabilities.TryGetValue(ReceivePollCapability, out var value)
            ? value switch
            {
                int us when us >= 0 => us,
                long us when us >= 0 => us,
                _ => DefaultReceivePollMicroseconds,
            }
            : DefaultReceivePollMicroseconds;
        return TimeSpan.FromMicroseconds(Math.Min(microseconds, MaxReceivePollMicroseconds));
    }
}
