namespace Thespian;

/// <summary>
/// Tells a parent that one of its children has exited, for whatever reason. Not sent for
/// top-level actors (created by an <see cref="ActorSystem"/>) or named actors (their parent is the system).
/// Python name: <c>ChildActorExited</c>.
/// </summary>
public sealed class ChildActorExited : ActorSystemMessage
{
    /// <summary>Creates the notification.</summary>
    /// <param name="childAddress">The address of the child that exited.</param>
    public ChildActorExited(ActorAddress childAddress)
    {
        ArgumentNullException.ThrowIfNull(childAddress);
        ChildAddress = childAddress;
    }

    /// <summary>The address of the child that exited (it may differ from the sender).</summary>
    public ActorAddress ChildAddress { get; }
}
