// Helpers: Python Thespian 4's patterns in .NET form, on the simple base.
//  - [TransientIdle]: an actor that exits by itself once it has been idle for a while.
//  - [InitializingMessage]: an actor that holds its work until it has been configured.
//  - RunCommand: an actor that runs a command on its host and reports the result.
// Run it with:  dotnet run --project examples/Helpers
using Thespian;

var patience = TimeSpan.FromSeconds(10);
using var system = new ActorSystem(SystemBaseNames.Simple);

// A transient session: its parent hears when it has been idle for its time and exits.
var supervisor = system.CreateActor<Supervisor>();
Console.WriteLine(system.Ask(supervisor, "open a session", patience));
Console.WriteLine(system.Listen(patience));   // Listen waits for the idle timer on the simple base

// An actor that waits for its initializing messages: the order sent first is held, then forwarded.
var printer = system.CreateActor<Printer>();
var forwarder = system.CreateActor<Forwarder>();
system.Tell(forwarder, new Order("paper", Priority: 0));
system.Tell(forwarder, printer);                                                     // its target
Console.WriteLine(system.Ask(forwarder, new ForwarderConfig(Priority: 7), patience));  // "ready", from InitDone
Console.WriteLine(system.Ask(printer, "printed?", patience));                         // the held order, forwarded

// A command run by an actor.
var runner = system.CreateActor<RunCommand>();
var result = (CommandResult)system.Ask(runner, new CommandRequest("dotnet", "--version")
{
    Timeout = TimeSpan.FromSeconds(30),
}, TimeSpan.FromSeconds(40))!;
if (result.Succeeded)
{
    Console.Write($"dotnet --version: {result.StandardOutput}");
}
else
{
    Console.Error.WriteLine($"dotnet failed ({result.ExitCode}): {result.ErrorText}");
}

var missing = (CommandResult)system.Ask(runner, new CommandRequest("no-such-program"), patience)!;
Console.WriteLine($"{missing} (exit code {missing.ExitCode})");

/// <summary>An order to forward.</summary>
internal sealed record Order(string Item, int Priority);

/// <summary>The forwarder's configuration.</summary>
internal sealed record ForwarderConfig(int Priority);

/// <summary>Creates a session for each request and reports the session's answer and its exit.</summary>
internal sealed class Supervisor : Actor
{
    private ActorAddress? _requester;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case ChildActorExited:
                Send(_requester!, "the session was idle for 0.5 s and has exited");
                break;
            case string request when _requester is null:
                _requester = sender;
                Send(CreateActor<Session>(), request);
                break;
            case string answer:
                Send(_requester, answer);
                break;
        }
    }
}

/// <summary>A session that ends after half a second of silence.</summary>
[TransientIdle(0.5)]
internal sealed class Session : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case string request:
                Send(sender, $"handled {request}");
                break;
            case ActorExitRequest:
                // Clean up here: a transient exit is an ordinary ActorExitRequest.
                break;
        }
    }
}

/// <summary>Forwards orders to a target once it has its configuration and the target's address; until then it holds them.</summary>
[InitializingMessages(InitDone = nameof(Ready))]
internal sealed class Forwarder : ActorTypeDispatcher
{
    [InitializingMessage(SenderMember = nameof(Configurer))]
    private ForwarderConfig? Config { get; set; }

    [InitializingMessage]
    private ActorAddress? Target { get; set; }

    private ActorAddress? Configurer { get; set; }

    private void Ready() => Send(Configurer!, "ready");

    private void ReceiveMsg(Order order, ActorAddress sender) => Send(Target!, order with { Priority = Config!.Priority });
}

/// <summary>Takes orders; "printed?" answers what it has printed.</summary>
internal sealed class Printer : Actor
{
    private readonly List<string> _printed = [];

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case Order order:
                _printed.Add($"printed {order.Item} at priority {order.Priority}");
                break;
            case "printed?":
                Send(sender, string.Join("; ", _printed));
                break;
        }
    }
}
