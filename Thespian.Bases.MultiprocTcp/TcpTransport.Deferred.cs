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

    /// <summary>
    /// An envelope was queued on <paramref name="connection"/> by a deferring thread: written later, or now if many wait
    /// or it is a control record. Control records are written at once, on this thread, so that what this thread sends
    /// afterwards (to any endpoint) cannot overtake them — e.g. a new actor's address reaching someone who asks the admin
    /// about it before the admin has heard of the actor.
    /// </summary>
    private static void Defer(List<OutboundConnection> deferred, OutboundConnection connection, bool writeNow)
    {
        if (!deferred.Contains(connection))
        {
            deferred.Add(connection);
        }

        if (writeNow || connection.QueuedCount >= DeferredBatch)
        {
            connection.WriteQueued();
        }
    }
}
