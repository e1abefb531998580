namespace Thespian;

/// <summary>
/// Marks a field or property of an actor as one of its initializing messages: the first message whose type fits the
/// member's type is stored into it (a later one of that type before initialization is done replaces it). Until every
/// such member has been filled, the actor's <c>ReceiveMessage</c> sees no other message: those are held and delivered
/// in their order once initialization is done (system messages are delivered at once). Options for the whole actor are
/// on <see cref="InitializingMessagesAttribute"/>. Python name: an entry of <c>@initializing_messages(initset, …)</c>
/// (thespian.initmsgs); not for troupes, as in Python.
/// </summary>
/// <example><code>
/// [InitializingMessages(InitDone = nameof(Ready))]
/// sealed class Proxy : ActorTypeDispatcher
/// {
///     [InitializingMessage(SenderMember = nameof(ConfigSender))] private Config? _config;
///     [InitializingMessage] private ActorAddress? _target;
///     private ActorAddress? ConfigSender { get; set; }
///     private void Ready() => Send(ConfigSender!, "ready");
///     ...
/// }
/// </code></example>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = true)]
public sealed class InitializingMessageAttribute : Attribute
{
    /// <summary>
    /// The name of a field or property (of type <see cref="ActorAddress"/>) that receives the sender of the stored message,
    /// or null for none. Python: the third element of an <c>initset</c> tuple (the <c>_sender</c> attribute).
    /// </summary>
    public string? SenderMember { get; init; }
}
