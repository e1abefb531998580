namespace Thespian.Tests.Convention;

/// <summary>Runs only where the capability "dog" is truthy; answers "pid" with its process id and echoes the rest.</summary>
[RequireCapability("dog")]
public sealed class DogActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "pid":
                Send(sender, Environment.ProcessId);
                break;
            case ActorSystemMessage:
                break;
            default:
                Send(sender, message);
                break;
        }
    }
}

/// <summary>Runs only where the capability "unicorn" is truthy (no test system has it).</summary>
[RequireCapability("unicorn")]
public sealed class UnicornActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}

/// <summary>
/// Registers for convention updates when told "watch" (and stops on "unwatch"); passes every update it gets to whoever
/// told it to watch.
/// </summary>
public sealed class ConventionWatcher : Actor
{
    private ActorAddress? _client;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "watch":
                _client = sender;
                NotifyOnSystemRegistrationChanges(true);
                Send(sender, "watching");
                break;
            case "unwatch":
                NotifyOnSystemRegistrationChanges(false);
                Send(sender, "unwatched");
                break;
            case ActorSystemConventionUpdate update when _client is not null:
                Send(_client, new ConventionSeen(update.RemoteAdminAddress, update.RemoteCapabilities.GetValueOrDefault("colour") as string,
                                                 update.RemoteAdded));
                break;
            case PreRegister pre:
                PreRegisterRemoteSystem(pre.Endpoint, pre.Capabilities);
                Send(sender, "pre-registered");
                break;
            case DeRegister de:
                DeRegisterRemoteSystem(de.Endpoint);
                Send(sender, "de-registered");
                break;
        }
    }
}

/// <summary>What a <see cref="ConventionWatcher"/> passes on of an update (the application never gets system messages).</summary>
public sealed record ConventionSeen(ActorAddress Admin, string? Colour, bool Added);

/// <summary>Tells a <see cref="ConventionWatcher"/> to pre-register the system at an endpoint.</summary>
public sealed record PreRegister(string Endpoint, Dictionary<string, object?>? Capabilities = null);

/// <summary>Tells a <see cref="ConventionWatcher"/> to de-register the system at an endpoint.</summary>
public sealed record DeRegister(string Endpoint);

/// <summary>
/// Creates a <see cref="DogActor"/> child on "make" (answering with its address), forwards "pid" to it, and tells whoever
/// asked for the child when it exits.
/// </summary>
public sealed class DogOwner : Actor
{
    private ActorAddress? _client;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "make":
                _client = sender;
                Send(sender, CreateActor<DogActor>());
                break;
            case ChildActorExited exited when _client is not null:
                Send(_client, new Multiproc.ChildExitSeen(exited.ChildAddress));
                break;
        }
    }
}
