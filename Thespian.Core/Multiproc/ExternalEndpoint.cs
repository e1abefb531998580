using Newtonsoft.Json;
using Thespian.Runtime;
using Thespian.Wire;

namespace Thespian.Multiproc;

/// <summary>
/// An application's endpoint in a multiproc system: the sender address of its Tell and Ask, with an
/// inbox for what actors send to it. Messages to it arrive straight from the actors' processes.
/// </summary>
internal sealed class ExternalEndpoint : ISystemEndpoint
{
    private readonly MultiprocSystemBase _system;
    private readonly MultiprocNode _node;
    private readonly ThespianLogging _logging;
    private readonly System.Collections.Concurrent.ConcurrentQueue<object> _inbox = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly PendingAsks _asks = new();
    private volatile bool _closed;

    public ExternalEndpoint(MultiprocSystemBase system, MultiprocNode node, ThespianLogging logging)
    {
        _system = system;
        _node = node;
        _logging = logging;
        Address = node.Book.Register(ActorAddress.CreateNew(this), node.OwnRoute);
    }

    /// <inheritdoc />
    public ActorAddress Address { get; }

    /// <summary>A message arrived for this endpoint (on an I/O thread).</summary>
    public void Accept(Envelope envelope)
    {
        if (_closed)
        {
            _node.DeadLetter(envelope);
            return;
        }

        if (!_node.TryReadBody(envelope, Address, out var message))
        {
            return;
        }

        if (!DeliveryRules.ReachesApplication(message))
        {
            _logging.RuntimeLogger.EndpointDroppedSystemMessage(message.GetType().Name, Address);
            return;
        }

        _inbox.Enqueue(message);
        _available.Release();
    }

    /// <inheritdoc />
    public void Tell(ActorAddress target, object message) => _node.SendMessage(Address, target, message);

    /// <summary>
    /// A message this endpoint sent to <paramref name="target"/> could not be delivered (its process is gone, or the admin
    /// says it is dead): asks waiting on it return null at once (on an I/O thread).
    /// </summary>
    public void Undeliverable(ActorId target) => _asks.Undeliverable(target);

    /// <inheritdoc />
    public object? Ask(ActorAddress target, object message, TimeSpan? timeout)
    {
        using var ask = _asks.Begin(target.Id);
        TellNow(target, message);
        try
        {
            return _available.Wait(timeout ?? Timeout.InfiniteTimeSpan, ask.Token) ? Take() : null;
        }
        catch (OperationCanceledException) when (ask.Failed)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public object? Listen(TimeSpan? timeout) =>
        _available.Wait(timeout ?? Timeout.InfiniteTimeSpan) ? Take() : null;

    /// <inheritdoc />
    public async Task<object?> AskAsync(ActorAddress target, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var ask = _asks.Begin(target.Id, cancellationToken);
        TellNow(target, message);
        try
        {
            return await _available.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, ask.Token).ConfigureAwait(false) ? Take() : null;
        }
        catch (OperationCanceledException) when (ask.Failed && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<object?> ListenAsync(TimeSpan? timeout, CancellationToken cancellationToken) =>
        await _available.WaitAsync(timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false) ? Take() : null;

    /// <summary>
    /// Sends and writes the message on this thread (it is about to wait for the answer anyway): no writer thread to
    /// wake, so an Ask costs one hop less.
    /// </summary>
    private void TellNow(ActorAddress target, object message)
    {
        using (_node.Batch())
        {
            Tell(target, message);
        }
    }

    /// <summary>Takes the message a permit was granted for (null once the endpoint has closed).</summary>
    private object? Take() => _inbox.TryDequeue(out var message) ? message : null;

    /// <inheritdoc />
    public void Dispose()
    {
        _closed = true;
        _inbox.Clear();
        _available.Release(int.MaxValue / 2);
        _system.Close(this);
    }
}
