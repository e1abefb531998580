using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>
/// Moves envelopes between Thespian processes. TCP and UDP implement it; everything above it (admin,
/// hosts, application endpoints) is transport-agnostic.
/// </summary>
internal interface ITransport : IAsyncDisposable
{
    /// <summary>Where this process receives: "host:port".</summary>
    string LocalEndpoint { get; }

    /// <summary>The largest message sent or accepted, in bytes (the capability "Max Message Size").</summary>
    int MaxMessageBytes { get; set; }

    /// <summary>
    /// How long a busy connection's receiving thread polls for the next message before it blocks (the capability
    /// "Receive Poll Microseconds"; zero turns polling off).
    /// </summary>
    TimeSpan ReceivePoll { get; set; }

    /// <summary>Starts receiving; envelopes go to <paramref name="sink"/>.</summary>
    void Start(IEnvelopeSink sink);

    /// <summary>
    /// Queues an envelope for an endpoint, in order per endpoint. Blocks while that endpoint's queue is
    /// full (back-pressure). Throws <see cref="ActorSystemException"/> for an envelope over the size limit.
    /// </summary>
    void Send(string endpoint, Envelope envelope);

    /// <summary>
    /// From now until the matching <see cref="EndDeferredWrites"/>, actor messages this thread sends are written by this
    /// thread itself — in batches while it sends many, the rest at <see cref="EndDeferredWrites"/> — instead of waking a
    /// writer (control records are written at once, so nothing sent later overtakes them). Scopes nest; only the outermost one writes.
    /// </summary>
    void BeginDeferredWrites();

    /// <summary>Ends a scope opened by <see cref="BeginDeferredWrites"/>; the outermost one writes what this thread queued.</summary>
    void EndDeferredWrites();

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until everything queued has been acknowledged by its receiver
    /// or handed back as undeliverable.
    /// </summary>
    Task FlushAsync(TimeSpan timeout);

    /// <summary>
    /// Stops receiving: no new connections and no more reading; open connections stay open so that what was
    /// handed on can still be acknowledged (see <see cref="CloseReceivingAsync"/>).
    /// </summary>
    void StopReceiving();

    /// <summary>
    /// After <see cref="StopReceiving"/> and once everything handed on is done: acknowledges it and closes the
    /// inbound connections, so senders dead-letter exactly what this process did not take.
    /// </summary>
    Task CloseReceivingAsync(TimeSpan timeout);
}

/// <summary>Where a transport hands what it receives, and what it could not deliver.</summary>
internal interface IEnvelopeSink
{
    /// <summary>
    /// An envelope arrived (called on an I/O thread: hand it on, do not block). Mark it done on
    /// <paramref name="receipt"/> once it has been handled or passed on; only then is it acknowledged.
    /// </summary>
    void OnEnvelope(Envelope envelope, IReceipt receipt);

    /// <summary>Envelopes queued for an endpoint that could not be written (the endpoint is gone or unreachable).</summary>
    void OnUndeliverable(string endpoint, IReadOnlyList<Envelope> envelopes, Exception reason);

    /// <summary>A connection broke the protocol and was closed (log it; nothing else is harmed).</summary>
    void OnProtocolViolation(string remote, Exception violation);
}
