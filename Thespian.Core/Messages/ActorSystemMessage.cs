namespace Thespian;

/// <summary>
/// The base of every message the actor system itself sends. Application messages should not
/// derive from it; actors can tell system messages apart with <c>message is ActorSystemMessage</c>.
/// </summary>
public abstract class ActorSystemMessage
{
    /// <inheritdoc />
    public override string ToString() => GetType().Name;
}
