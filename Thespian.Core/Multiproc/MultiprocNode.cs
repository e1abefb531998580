using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Thespian.Diagnostics;
using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>
/// What every process of a multiproc system shares: the transport, the address book, the serializer,
/// control requests and their replies, and routing — messages to actors whose endpoint is not known yet
/// wait, in order, until the admin says where they live (or that they are gone: then they are dead letters).
/// </summary>
internal sealed partial class MultiprocNode : IEnvelopeSink, IAsyncDisposable
{
    /// <summary>How long a control request may wait for its reply by default.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, TaskCompletionSource<IControlMessage>> _requests = new();
    private readonly PendingRoutes _pending = new();
    private IMultiprocHandler? _handler;
    private long _nextRequestId;
    private readonly ConcurrentDictionary<ActorId, string> _routesToldToAdmin = new();
    private string? _gatewaySuffix;
    private string? _ownRoute;
    private IDisposable? _queueDepth;

    public MultiprocNode(ITransport transport, TypeAllowList allowList, ILogger logger, string baseName)
    {
        Transport = transport;
        BaseName = baseName;
        Logger = logger;
        Book = new AddressBook();
        Serializer = new WireSerializer(allowList, Book.Intern, Book.RouteOf, Book.SetRoute, IsRoute);
    }

    /// <summary>The name of the base this process serves (the tag of its measurements).</summary>
    public string BaseName { get; }

    /// <summary>The transport.</summary>
    public ITransport Transport { get; }

    /// <summary>This process's addresses and routes.</summary>
    public AddressBook Book { get; }

    /// <summary>This process's serializer (its allow-list decides what it accepts).</summary>
    public WireSerializer Serializer { get; }

    /// <summary>Where this node logs.</summary>
    public ILogger Logger { get; }

    /// <summary>Where this process receives.</summary>
    public string LocalEndpoint => Transport.LocalEndpoint;

    /// <summary>Whether this process's transport can be reached from other hosts (<see cref="ITransport.ListensBeyondLoopback"/>).</summary>
    public bool ListensBeyondLoopback => Transport.ListensBeyondLoopback;

    /// <summary>
    /// The route other processes learn for this process's actors (<see cref="ActorRoute"/>): its endpoint, with this
    /// system's gateway when the system uses "Admin Routing" or is "Outbound Only".
    /// </summary>
    public string OwnRoute => _ownRoute ?? LocalEndpoint;

    /// <summary>Whether this system is "Outbound Only": it opens every connection it uses to other systems.</summary>
    public bool OutboundOnly { get; private set; }

    /// <summary>The admin's address, once known.</summary>
    public ActorAddress? AdminAddress { get; private set; }

    /// <summary>The admin's endpoint, once known.</summary>
    public string? AdminEndpoint { get; private set; }

    private IMultiprocHandler Handler => _handler ?? throw new InvalidOperationException("The node has not been started.");

    /// <summary>Records the admin of this system.</summary>
    public void SetAdmin(ActorAddress adminAddress, string adminEndpoint)
    {
        AdminAddress = Book.Register(adminAddress, adminEndpoint);
        AdminEndpoint = adminEndpoint;
    }

    /// <summary>
    /// Applies the system's capabilities (at start and whenever they change): the transport's settings, and how this
    /// system's actors are reached from other systems ("Admin Routing", "Outbound Only"; the admin must be known).
    /// </summary>
    public void Configure(IReadOnlyDictionary<string, object?>? capabilities)
    {
        Transport.Configure(capabilities);
        var outboundOnly = Truthiness.IsTruthy(capabilities?.GetValueOrDefault(CommonCapabilities.OutboundOnly));
        var adminRouting = outboundOnly || Truthiness.IsTruthy(capabilities?.GetValueOrDefault(CommonCapabilities.AdminRouting));
        OutboundOnly = outboundOnly;
        _gatewaySuffix = ActorRoute.GatewaySuffix(AdminEndpoint, adminRouting, outboundOnly);
        _ownRoute = _gatewaySuffix is null ? null : ActorRoute.Compose(LocalEndpoint, _gatewaySuffix);
    }

    /// <summary>The route other processes should learn for an actor of this system running at <paramref name="endpoint"/>.</summary>
    public string PublicRoute(string endpoint) => ActorRoute.Compose(endpoint, _gatewaySuffix);

    /// <summary>Whether text is a route this process can use (every endpoint in it is one of the transport's).</summary>
    public bool IsRoute(string text) => ActorRoute.IsValid(text, Transport.IsEndpoint);

    /// <summary>
    /// Where this process sends an envelope for an actor with this route (<see cref="ActorRoute.NextHop"/>). When that is
    /// this process's admin, relaying for an "Outbound Only" system, the admin is told the route first (once per route).
    /// </summary>
    private string NextHop(ActorId target, string route)
    {
        if (!ActorRoute.HasGateway(route))
        {
            return route;
        }

        var hop = ActorRoute.NextHop(route, AdminEndpoint, isAdmin: AdminEndpoint == LocalEndpoint);
        if (hop == AdminEndpoint && hop != LocalEndpoint &&
            (!_routesToldToAdmin.TryGetValue(target, out var told) || told != route))
        {
            _routesToldToAdmin[target] = route;
            SendControl(hop, new RouteNotice(Book.Intern(target), route));
        }

        return hop;
    }

    /// <summary>Starts receiving.</summary>
    public void Start(IMultiprocHandler handler)
    {
        _handler = handler;
        Transport.Start(this);
        _queueDepth = ThespianMetrics.QueueDepths.Register(BaseName, ThespianMetricsKinds.Outbound, () => Transport.QueuedEnvelopes);
    }

    /// <summary>
    /// Serializes and sends an actor message with this thread's trace context, if any (throws
    /// <see cref="ActorSystemException"/> when it cannot be serialized).
    /// </summary>
    public void SendMessage(ActorAddress from, ActorAddress to, object message) =>
        Route(new Envelope(EnvelopeKind.Deliver, to.Id, from.Id, ActorId.Zero, OwnRoute, Serializer.Serialize(message),
                           ThespianTracing.Outgoing()));

    /// <summary>Sends an envelope to its target's endpoint, or holds it until the route is known.</summary>
    public void Route(Envelope envelope)
    {
        if (_pending.TryHold(envelope.Target, envelope, startWaiting: false))
        {
            return;
        }

        if (Book.RouteOf(envelope.Target) is { } endpoint)
        {
            SendOrDeadLetter(endpoint, envelope);
            return;
        }

        if (_pending.TryHold(envelope.Target, envelope, startWaiting: true))
        {
            _ = ResolveAsync(envelope.Target);
        }
    }

    /// <summary>
    /// Opens a batch on this thread (<see cref="ITransport.BeginBatch"/>): what the thread sends is written by the thread
    /// itself, and what it marks done is acknowledged together, when the returned scope is disposed.
    /// </summary>
    public TransportBatch Batch() => new(Transport);

    /// <summary>Holds messages for an actor being created until <see cref="RouteKnown"/> or <see cref="RouteFailed"/>.</summary>
    public void ExpectRoute(ActorId id) => _pending.Expect(id);

    /// <summary>The actor's endpoint is known: send what waited for it.</summary>
    public void RouteKnown(ActorId id, string endpoint)
    {
        Book.SetRoute(id, endpoint);
        _pending.Release(id, envelope => SendOrDeadLetter(endpoint, envelope));
    }

    /// <summary>The actor will never run: what waited for it becomes dead letters.</summary>
    public void RouteFailed(ActorId id) => _pending.Release(id, DeadLetter);

    /// <summary>Sends a control record to an endpoint (fire and forget).</summary>
    public void SendControl(string endpoint, IControlMessage message) =>
        Transport.Send(endpoint, new Envelope(EnvelopeKind.Control, ActorId.Zero, ActorId.Zero, ActorId.Zero, LocalEndpoint,
                                              Serializer.Serialize(message)));

    /// <summary>Sends a control request and waits for its reply.</summary>
    /// <param name="endpoint">Where the request goes.</param>
    /// <param name="makeRequest">Makes the request from its request id.</param>
    /// <param name="timeout">How long to wait for the reply (default 30 s).</param>
    /// <param name="continueOnReceivingThread">
    /// The caller's continuation runs on the thread that receives the reply, without a thread-pool hop. Only for a
    /// continuation that is short and never blocks (it holds up that connection's reading).
    /// </param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="ActorSystemRequestTimeoutException">No reply came in time.</exception>
    public async Task<ControlReply> RequestAsync(string endpoint, Func<long, IControlRequest> makeRequest,
                                                TimeSpan? timeout = null, bool continueOnReceivingThread = false,
                                                CancellationToken cancellationToken = default) =>
        AsReply(endpoint, await AskControlAsync(endpoint, makeRequest, timeout, continueOnReceivingThread, cancellationToken)
                              .ConfigureAwait(false));

    /// <summary>
    /// Sends a control request and blocks the calling thread until its reply: the request is written on this thread and
    /// the thread that receives the reply wakes this one directly (no thread-pool hop either way).
    /// </summary>
    /// <exception cref="ActorSystemRequestTimeoutException">No reply came in time.</exception>
    public ControlReply Request(string endpoint, Func<long, IControlRequest> makeRequest, TimeSpan? timeout = null) =>
        AsReply(endpoint, AskControl(endpoint, makeRequest, timeout));

    /// <summary>Sends a control request and waits for whatever record answers it (matched by request id).</summary>
    /// <exception cref="ActorSystemRequestTimeoutException">No answer came in time.</exception>
    public async Task<IControlMessage> AskControlAsync(string endpoint, Func<long, IControlRequest> makeRequest,
                                                      TimeSpan? timeout = null, bool continueOnReceivingThread = false,
                                                      CancellationToken cancellationToken = default)
    {
        var (id, reply) = ExpectReply(continueOnReceivingThread);
        try
        {
            var request = makeRequest(id);
            SendControl(endpoint, request);
            var wait = timeout ?? DefaultRequestTimeout;
            var finished = await Task.WhenAny(reply.Task, Task.Delay(wait, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (finished != reply.Task)
            {
                throw NoAnswer(endpoint, request, wait);
            }

            return await reply.Task.ConfigureAwait(false);
        }
        finally
        {
            _requests.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// <see cref="AskControlAsync"/> for a caller that blocks anyway: written on this thread, woken directly by the
    /// receiving thread (a blocking wait on the reply's task is not run through the thread pool).
    /// </summary>
    /// <exception cref="ActorSystemRequestTimeoutException">No answer came in time.</exception>
    public IControlMessage AskControl(string endpoint, Func<long, IControlRequest> makeRequest, TimeSpan? timeout = null)
    {
        var (id, reply) = ExpectReply();
        try
        {
            var request = makeRequest(id);
            using (Batch())
            {
                SendControl(endpoint, request);
            }

            var wait = timeout ?? DefaultRequestTimeout;
            return reply.Task.Wait(wait) ? reply.Task.Result : throw NoAnswer(endpoint, request, wait);
        }
        finally
        {
            _requests.TryRemove(id, out _);
        }
    }

    private (long Id, TaskCompletionSource<IControlMessage> Reply) ExpectReply(bool continueOnReceivingThread = false)
    {
        var id = Interlocked.Increment(ref _nextRequestId);
        var reply = new TaskCompletionSource<IControlMessage>(
            continueOnReceivingThread ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[id] = reply;
        return (id, reply);
    }

    private static ActorSystemRequestTimeoutException NoAnswer(string endpoint, IControlRequest request, TimeSpan wait) =>
        new($"No answer from {endpoint} to {request.GetType().Name} within {wait.TotalSeconds:0.#} s; the admin may be stuck or gone.");

    private static ControlReply AsReply(string endpoint, IControlMessage answer) =>
        answer as ControlReply ?? throw new ActorSystemFailureException(
            $"{endpoint} answered with {answer.GetType().Name} where a ControlReply was expected.");

    /// <summary>Sends a reply to a control request.</summary>
    public void Reply(Envelope request, ControlReply reply)
    {
        if (request.SenderEndpoint is { } endpoint)
        {
            SendControl(endpoint, reply);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _queueDepth?.Dispose();
        foreach (var request in _requests.Values)
        {
            request.TrySetResult(new ControlReply(0, ControlErrorKind.ShuttingDown, "This process is stopping."));
        }

        return Transport.DisposeAsync();
    }

    private async Task ResolveAsync(ActorId id)
    {
        if (AdminEndpoint is not { } admin)
        {
            RouteFailed(id);
            return;
        }

        try
        {
            var reply = await RequestAsync(admin, r => new ResolveRequest(r, Book.Intern(id))).ConfigureAwait(false);
            if (reply is { Succeeded: true, Endpoint: { } endpoint })
            {
                RouteKnown(id, endpoint);
            }
            else if (reply.Error != ControlErrorKind.None)
            {
                RouteFailed(id);
            }
        }
        catch (ActorSystemException)
        {
            RouteFailed(id);
        }
    }

    private void SendOrDeadLetter(string route, Envelope envelope)
    {
        try
        {
            Transport.Send(NextHop(envelope.Target, route), envelope);
        }
        catch (ObjectDisposedException)
        {
            // This process is stopping.
        }
    }
}
