namespace Thespian.Bases.MultiprocTcp;

internal sealed partial class TcpTransport
{
    /// <summary>How many envelopes a deferring thread lets queue on one connection before it writes them itself.</summary>
    private const int DeferredBatch = 256;

    [ThreadStatic]
    private static int t_deferDepth;

    [ThreadStatic]
    private static List<OutboundConnection>? t_deferred;

    /// <inheritdoc />
    public void BeginDeferredWrites()
    {
        t_deferred ??= [];
        t_deferDepth++;
    }

    /// <inheritdoc />
    public void EndDeferredWrites()
    {
        if (t_deferDepth == 0 || --t_deferDepth > 0)
        {
            return;
        }

        var deferred = t_deferred!;
        foreach (var connection in deferred)
        {
            connection.WriteQueued();
        }

        deferred.Clear();
    }

    /// <summary>An envelope was queued on <paramref name="connection"/> by a deferring thread: written later, or now if many wait.</summary>
    private static void Defer(List<OutboundConnection> deferred, OutboundConnection connection)
    {
        if (!deferred.Contains(connection))
        {
            deferred.Add(connection);
        }

        if (connection.QueuedCount >= DeferredBatch)
        {
            connection.WriteQueued();
        }
    }
}
