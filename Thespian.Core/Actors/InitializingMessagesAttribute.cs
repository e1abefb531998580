namespace Thespian;

/// <summary>
/// Options of an actor whose members carry <see cref="InitializingMessageAttribute"/>. Optional: the members alone make
/// an actor wait for its initializing messages. Python name: the <c>initdone</c> and <c>init_passthru</c> arguments of
/// <c>@initializing_messages</c>. With <see cref="TransientAttribute"/> or <see cref="TransientIdleAttribute"/>, the
/// transient timer starts with the first message <c>ReceiveMessage</c> sees (as in Python, where this decorator comes first).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class InitializingMessagesAttribute : Attribute
{
    /// <summary>
    /// The name of a parameterless instance method of the actor, called once every initializing message has arrived and
    /// before the held messages are delivered; null for none.
    /// </summary>
    public string? InitDone { get; init; }

    /// <summary>
    /// When true, every message received during initialization (the initializing ones too) is also delivered to
    /// <c>ReceiveMessage</c> at once, and nothing is held. Python's <c>init_passthru</c>. Default false.
    /// </summary>
    public bool PassThrough { get; init; }
}
