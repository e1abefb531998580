namespace Thespian;

/// <summary>
/// Tells an actor that some of the file descriptors it asked to watch with <c>Watch</c> have data to
/// read. Only on bases whose capability "Thespian Watch Supported" is true.
/// Python name: <c>WatchMessage</c>.
/// </summary>
public sealed class WatchMessage : ActorSystemMessage
{
    /// <summary>Creates the notification.</summary>
    /// <param name="ready">The watched descriptors that are readable.</param>
    public WatchMessage(IReadOnlyList<int> ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        Ready = ready;
    }

    /// <summary>The watched descriptors that are readable: a subset of those given to <c>Watch</c>.</summary>
    public IReadOnlyList<int> Ready { get; }
}
