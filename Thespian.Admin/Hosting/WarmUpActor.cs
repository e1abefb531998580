namespace Thespian.Admin.Hosting;

/// <summary>
/// The actor a pool host constructs, and drops, while it warms up (<see cref="ActorHost"/>), so that an actor's start runs
/// code that has run before. It is never registered, addressed or sent anything.
/// </summary>
internal sealed class WarmUpActor : Actor
{
    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}
