namespace Thespian.Tests.Peer;

// The actor of the convention commands (ConventionNode.cs). It lives in this assembly, in the test folder: the actor
// path of every admin the peers start, so a member's hosts load it from there by name.

/// <summary>
/// Runs only where the capability "dog" is truthy, so a system without it places the create on a convention member
/// that has it. Answers "pid" with its process id (an <see cref="int"/>), "base-ip" and "netns" with where it runs
/// (<see cref="ProcessPlace"/>), and any other string with that string followed by " from " and its base address.
/// </summary>
[RequireCapability("dog")]
public sealed class PlacedDog : Actor
{
    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "pid":
                Send(sender, Environment.ProcessId);
                break;
            case "base-ip":
                Send(sender, ProcessPlace.BaseAddress);
                break;
            case "netns":
                Send(sender, ProcessPlace.Namespace);
                break;
            case string text:
                Send(sender, $"{text} from {ProcessPlace.BaseAddress}");
                break;
        }
    }
}
