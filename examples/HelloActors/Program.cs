// HelloActors: the first program to run. A greeter actor answers Ask, a typed dispatcher routes
// messages by type, a parent hears about its child's exit, and a wakeup fires on time.
// Run it with:  dotnet run --project examples/HelloActors
// The user guide (docs/user-guide.md) explains each part.
using Thespian;

// The simple base runs every actor synchronously inside Tell/Ask on this thread.
using var system = new ActorSystem(SystemBaseNames.Simple);

// Ask sends a message and returns the first message that comes back to this endpoint
// (or null if nothing can answer within the timeout).
var greeter = system.CreateActor<Greeter>();
Console.WriteLine(system.Ask(greeter, "world", TimeSpan.FromSeconds(1)));

// ActorTypeDispatcher calls the ReceiveMsg overload that matches the message's type.
var typer = system.CreateActor<Typer>();
Console.WriteLine(system.Ask(typer, 42, TimeSpan.FromSeconds(1)));
Console.WriteLine(system.Ask(typer, "forty-two", TimeSpan.FromSeconds(1)));
Console.WriteLine(system.Ask(typer, 4.2, TimeSpan.FromSeconds(1)));

// A parent gets ChildActorExited when a child it created exits.
var parent = system.CreateActor<Parent>();
Console.WriteLine(system.Ask(parent, "spawn and stop a child", TimeSpan.FromSeconds(1)));

// Ask waits for a wakeup that falls within its timeout.
var sleeper = system.CreateActor<Sleeper>();
Console.WriteLine(system.Ask(sleeper, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1)));

// Stops every actor (each gets an ActorExitRequest). Disposing the object that started a simple
// system would do the same.
system.Shutdown();

/// <summary>Answers every string with a greeting.</summary>
internal sealed class Greeter : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is string name)
        {
            Send(sender, $"Hello, {name}!");
        }
    }
}

/// <summary>Routes by message type: one handler per type, and a fallback.</summary>
internal sealed class Typer : ActorTypeDispatcher
{
    private void ReceiveMsg(int number, ActorAddress sender) => Send(sender, $"Got an int: {number}");

    private void ReceiveMsg(string text, ActorAddress sender) => Send(sender, $"Got a string: {text}");

    protected override void ReceiveUnrecognizedMessage(object message, ActorAddress sender)
    {
        if (message is not ActorSystemMessage)
        {
            Send(sender, $"Did not recognize the message type: {message.GetType().Name}");
        }
    }
}

/// <summary>Creates a child, asks it to exit, and reports when it has.</summary>
internal sealed class Parent : Actor
{
    private ActorAddress? _requester;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case string:
                _requester = sender;
                var child = CreateActor<Greeter>();
                Send(child, new ActorExitRequest());
                break;
            case ChildActorExited exited when _requester is not null:
                Send(_requester, $"My child {exited.ChildAddress} has exited.");
                break;
        }
    }
}

/// <summary>Answers after a wakeup; the requester's address travels in the wakeup's payload.</summary>
internal sealed class Sleeper : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case TimeSpan delay:
                WakeupAfter(delay, payload: sender);
                break;
            case WakeupMessage { Payload: ActorAddress requester } wakeup:
                Send(requester, $"Woke up after {wakeup.DelayPeriod.TotalMilliseconds} ms.");
                break;
        }
    }
}
