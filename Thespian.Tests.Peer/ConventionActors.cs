namespace Thespian.Tests.Peer;

// The actors of the convention commands (ConventionNode.cs, RoutingNode.cs). They live in this assembly, in the test
// folder: the actor path of every admin the peers start, so a member's hosts load them from there by name.

/// <summary>
/// Answers "pid" with its process id (an <see cref="int"/>), "base-ip" and "netns" with where it runs
/// (<see cref="ProcessPlace"/>), any other string with that string followed by " from " and its base address; and
/// <see cref="RelayWoof"/> by asking the other dog "woof" and answering its requester "relayed " and the other's answer.
/// Subclasses say where it may run (<see cref="RequireCapabilityAttribute"/>).
/// </summary>
public abstract class AnsweringDog : Actor
{
    private readonly Dictionary<ActorAddress, ActorAddress> _relaying = [];

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
            case RelayWoof relay:
                _relaying[relay.Other] = sender;
                Send(relay.Other, "woof");
                break;
            case string text when _relaying.Remove(sender, out var requester):
                Send(requester, $"relayed {text}");
                break;
            case string text:
                Send(sender, $"{text} from {ProcessPlace.BaseAddress}");
                break;
        }
    }
}

/// <summary>Asks the dog at <paramref name="Other"/> "woof" and answers with "relayed " and its answer.</summary>
/// <param name="Other">The dog to ask.</param>
public sealed record RelayWoof(ActorAddress Other);

/// <summary>Runs only where the capability "dog" is truthy, so a system without it places the create on a member that has it.</summary>
[RequireCapability("dog")]
public sealed class PlacedDog : AnsweringDog;

/// <summary>Runs only where "dog-routed" is truthy: the member that uses "Admin Routing" behind a firewall.</summary>
[RequireCapability("dog-routed")]
public sealed class RoutedDog : AnsweringDog;

/// <summary>Runs only where "dog-outbound" is truthy: the member that is "Outbound Only" behind a firewall.</summary>
[RequireCapability("dog-outbound")]
public sealed class OutboundDog : AnsweringDog;

/// <summary>Runs only where "dog-blocked" is truthy: the member behind the same firewall as the routed one, without routing.</summary>
[RequireCapability("dog-blocked")]
public sealed class BlockedDog : AnsweringDog;
