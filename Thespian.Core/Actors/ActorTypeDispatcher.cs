using Thespian.Runtime;

namespace Thespian;

/// <summary>
/// An actor that routes each message to a method named <c>ReceiveMsg</c> whose first parameter is the
/// message's type: <c>void ReceiveMsg(MyMessage message, ActorAddress sender)</c> (or returning
/// <c>object?</c>), of any accessibility, declared on the actor class or any base class.
/// <para>
/// For a message, the message type's chain is searched from most specific (its class, its base
/// classes, then its interfaces) to <see cref="object"/>; for each of those types the actor's classes
/// are searched from most derived to this class, and the first <c>ReceiveMsg</c> declared for exactly
/// that type is called. A handler that returns <see cref="Super"/> lets the search go on where it
/// stopped. When no handler takes the message, <see cref="ReceiveUnrecognizedMessage"/> is called.
/// The lookup is done once per (actor type, message type) and cached as compiled delegates.
/// </para>
/// Python name: <c>ActorTypeDispatcher</c> (handlers <c>receiveMsg_TYPE</c>).
/// </summary>
public abstract class ActorTypeDispatcher : Actor
{
    /// <summary>Return this from a <c>ReceiveMsg</c> handler to let the next handler in the search take the message.</summary>
    public static readonly object Super = new SuperMarker();

    private readonly DispatchTable _table;
    private Type? _lastMessageType;
    private DispatchHandler[] _lastHandlers = [];

    /// <summary>Sets up the handler table for the concrete type.</summary>
    protected ActorTypeDispatcher()
    {
        _table = DispatchTable.For(GetType());
    }

    /// <summary>Routes the message to the matching <c>ReceiveMsg</c> handler.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Its sender.</param>
    public sealed override void ReceiveMessage(object message, ActorAddress sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var messageType = message.GetType();
        DispatchHandler[] handlers;
        if (ReferenceEquals(messageType, _lastMessageType))
        {
            handlers = _lastHandlers;
        }
        else
        {
            handlers = _table.Lookup(messageType);
            _lastHandlers = handlers;
            _lastMessageType = messageType;
        }

        foreach (var handler in handlers)
        {
            if (!ReferenceEquals(handler(this, message, sender), Super))
            {
                return;
            }
        }

        ReceiveUnrecognizedMessage(message, sender);
    }

    /// <summary>Called for a message no <c>ReceiveMsg</c> handler took. By default the message is ignored.</summary>
    /// <param name="message">The message.</param>
    /// <param name="sender">Its sender.</param>
    protected virtual void ReceiveUnrecognizedMessage(object message, ActorAddress sender)
    {
    }

    private sealed class SuperMarker
    {
        public override string ToString() => "ActorTypeDispatcher.Super";
    }
}
