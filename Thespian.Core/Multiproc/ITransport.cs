using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>
/// Moves envelopes between Thespian processes. Each multiproc base has one (TCP, UDP; an in-memory one serves unit
/// tests); everything above it (admin, hosts, application endpoints) is transport-agnostic. An endpoint is opaque text
/// here: its form and its parsing belong to the transport.
/// </summary>
internal interface ITransport : IAsyncDisposable
{
    /// <summary>Where this process receives, in the transport's own textual form.</summary>
    string LocalEndpoint { get; }

    /// <summary>
    /// Whether this transport accepts traffic from beyond this host (it listens on an address that is not loopback): then
    /// the system should have a secret, and a warning says so when it has none.
    /// </summary>
    bool ListensBeyondLoopback { get; }

    /// <summary>The largest message sent or accepted, in bytes (the capability "Max Message Size").</summary>
    int MaxMessageBytes { get; }

    /// <summary>
    /// Applies the system's capabilities (at start, on joining, when a host gets its actor, whenever one changes):
    /// "Max Message Size" on every transport, and whatever tunes this transport in particular.
    /// </summary>
    void Configure(IReadOnlyDictionary<string, object?>? capabilities);

    /// <summary>Whether <paramref name="text"/> is an endpoint of this transport (a route from a peer is checked before it is used).</summary>
    bool IsEndpoint(string text);

    /// <summary>
    /// For a system that is "Outbound Only" (it accepts no connection from other hosts): makes sure another admin at
    /// <paramref name="peer"/> can send to this process through what this process opened towards it — over TCP a
    /// connection this side opens and the peer writes to; over UDP a datagram that opens the way back through a
    /// stateful firewall. Completes when the peer can send (at once if it already could); faults when the peer cannot
    /// be reached.
    /// </summary>
    Task OpenReturnPathAsync(string peer);

    /// <summary>Starts receiving; envelopes go to <paramref name="sink"/>.</summary>
    void Start(IEnvelopeSink sink);

    /// <summary>
    /// Queues an envelope for an endpoint, in order per endpoint. Blocks while that endpoint's queue is
    /// full (back-pressure). Throws <see cref="ActorSystemException"/> for an envelope over the size limit.
    /// </summary>
    void Send(string endpoint, Envelope envelope);

    /// <summary>How many envelopes wait in this transport's outbound queues (read only when a metrics listener collects).</summary>
    int QueuedEnvelopes => 0;

    /// <summary>
    /// Opens a batch on this thread (use <see cref="MultiprocNode.Batch"/>): until the outermost batch ends, actor
    /// messages this thread sends are written by this thread itself — in groups while it sends many, the rest at
    /// <see cref="FlushBatch"/> or at the end — instead of waking a writer (control records are written at once, so
    /// nothing sent later overtakes them); and envelopes this thread marks done (<see cref="IReceipt.Done"/>) are
    /// acknowledged together when the outermost batch ends. Batches nest.
    /// </summary>
    void BeginBatch();

    /// <summary>Writes now what this thread's batch has queued so far (acknowledgements wait for the end of the batch).</summary>
    void FlushBatch();

    /// <summary>Ends a batch; the outermost one writes what this thread queued and acknowledges what it marked done.</summary>
    void EndBatch();

    /// <summary>
    /// Settles a handled envelope (<see cref="IReceipt.Settled"/>) once everything this thread's batch has sent since the last
    /// call has been done by its receivers or handed back as undeliverable — at once when that is already so. Called by a
    /// host after each message its actor handled (and after <see cref="FlushBatch"/>): an envelope is acknowledged only when
    /// what its handling sent has reached the next process, so a process killed before that leaves its sender holding the
    /// envelope, to be dead-lettered, instead of a message lost without a record. Settlements of one process happen in the
    /// order they were asked for.
    /// </summary>
    void SettleAfterOutputs(IReceipt receipt) => receipt.Settled();

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until everything queued has been acknowledged by its receiver
    /// or handed back as undeliverable.
    /// </summary>
    Task FlushAsync(TimeSpan timeout);

    /// <summary>
    /// Stops receiving: nothing new is accepted; what was handed on can still be acknowledged (see
    /// <see cref="CloseReceivingAsync"/>).
    /// </summary>
    void StopReceiving();

    /// <summary>
    /// After <see cref="StopReceiving"/> and once everything handed on is done: acknowledges it and closes the
    /// receiving side, so senders dead-letter exactly what this process did not take.
    /// </summary>
    Task CloseReceivingAsync(TimeSpan timeout);
}

/// <summary>Where a transport hands what it receives, and what it could not deliver.</summary>
internal interface IEnvelopeSink
{
    /// <summary>
    /// An envelope arrived (called on a receiving thread: hand it on, do not block). Mark it done on
    /// <paramref name="receipt"/> once it has been handled or passed on; only then is it acknowledged.
    /// </summary>
    void OnEnvelope(Envelope envelope, IReceipt receipt);

    /// <summary>
    /// Envelopes accepted for an endpoint that will never be acknowledged (the endpoint is gone, unreachable, or
    /// stopped answering), in the order they were sent.
    /// </summary>
    void OnUndeliverable(string endpoint, IReadOnlyList<Envelope> envelopes, Exception reason);

    /// <summary>A peer broke the protocol and was cut off (log it; nothing else is harmed).</summary>
    void OnProtocolViolation(string remote, Exception violation);

    /// <summary>
    /// A connection to (<paramref name="outbound"/>) or from <paramref name="remote"/> was refused, reset or timed out (log
    /// it; the transport reports a few per interval at most). <paramref name="failure"/> says which, in words.
    /// </summary>
    void OnConnectionFailed(string remote, bool outbound, string failure);

    /// <summary>
    /// A connection from <paramref name="remote"/> was closed at once to keep a limit (too many open, or in their
    /// handshake); <paramref name="reason"/> says which, and what to set (log it; the transport reports a few per interval).
    /// </summary>
    void OnConnectionOverLimit(string remote, string reason);
}
