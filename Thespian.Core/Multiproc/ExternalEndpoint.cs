using System.Threading.Channels;
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
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>();
    private volatile bool _closed;

    public ExternalEndpoint(MultiprocSystemBase system, MultiprocNode node, ThespianLogging logging)
    {
        _system = system;
        _node = node;
        _logging = logging;
        Address = node.Book.Register(ActorAddress.CreateNew(this), node.LocalEndpoint);
    }

    /// <inheritdoc />
    public ActorAddress Address { get; }

    /// <summary>A message arrived for this endpoint (on an I/O thread).</summary>
    public void Accept(Envelope envelope)
    {
        if (_closed)
        {
            _system.OnUndeliverable(envelope);
            return;
        }

        object message;
        try
        {
            message = _node.Serializer.Deserialize(envelope.Body.Span);
        }
        catch (JsonException ex)
        {
            _logging.RuntimeLogger.MessageRefused(Address, _node.Book.Intern(envelope.Sender), WireFailures.Describe(ex));
            _system.OnUndeliverable(envelope);
            return;
        }

        if (message is ActorSystemMessage and not (PoisonMessage or ThespianSystemStatus or ThespianActorStatus))
        {
            _logging.RuntimeLogger.EndpointDroppedSystemMessage(message.GetType().Name, Address);
            return;
        }

        _inbox.Writer.TryWrite(message);
    }

    /// <inheritdoc />
    public void Tell(ActorAddress target, object message) => _node.SendMessage(Address, target, message);

    /// <inheritdoc />
    public object? Ask(ActorAddress target, object message, TimeSpan? timeout)
    {
        Tell(target, message);
        return Listen(timeout);
    }

    /// <inheritdoc />
    public object? Listen(TimeSpan? timeout) =>
        _inbox.Reader.TryRead(out var message) ? message : ListenAsync(timeout, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public Task<object?> AskAsync(ActorAddress target, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        Tell(target, message);
        return ListenAsync(timeout, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<object?> ListenAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (_inbox.Reader.TryRead(out var ready))
        {
            return ready;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            deadline.CancelAfter(limit);
        }

        try
        {
            return await _inbox.Reader.ReadAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _closed = true;
        _inbox.Writer.TryComplete();
        _system.Close(this);
    }
}
