// An actor on the actor path with the same full name as the greeter of the test sources: creating it with a
// source hash must find the source's type first; without one, this type.
namespace Sources.Greeting;

/// <summary>Answers "version" with "actor path".</summary>
public sealed class Greeter : Thespian.Actor
{
    public override void ReceiveMessage(object message, Thespian.ActorAddress sender)
    {
        if (message is "version")
        {
            Send(sender, "actor path");
        }
    }
}
