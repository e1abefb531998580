// Failures: what happens when things go wrong. An actor that throws gets the message once more, then
// the sender gets a PoisonMessage and the actor lives on; messages to an actor that has exited go to
// every dead-letter handler; an exit request stops an actor and, unless it says NotRecursive(), its
// children too.
// Run it with:  dotnet run --project examples/Failures
using Thespian;

var patience = TimeSpan.FromSeconds(1);

// Failures are logged (a warning for the first attempt, an error for the poison); this example
// switches logging off to keep its output readable. Leave logDefs out to see them on stderr.
using var system = new ActorSystem(SystemBaseNames.Simple, logDefs: LogDefs.Disabled);

// 1. Retry, then PoisonMessage back to the sender.
var parser = system.CreateActor<Parser>();
if (system.Ask(parser, "forty-two", patience) is PoisonMessage poison)
{
    Console.WriteLine($"Poison: '{poison.Message}' failed with {poison.Details}");
}

Console.WriteLine(system.Ask(parser, "42", patience));   // the same instance handles the next message

// 2. Dead letters: every registered handler gets a DeadEnvelope.
var auditA = system.CreateActor<DeadLetterAudit>();
var auditB = system.CreateActor<DeadLetterAudit>();
system.Tell(auditA, "start");
system.Tell(auditB, "start");

var gone = system.CreateActor<Parser>();
system.Tell(gone, new ActorExitRequest());
system.Tell(gone, "7");                                  // nobody is there any more
Console.WriteLine($"Audit A: {system.Ask(auditA, "report", patience)}");
Console.WriteLine($"Audit B: {system.Ask(auditB, "report", patience)}");

// 3. Exit requests: recursive by default; a parent can keep its children alive with NotRecursive().
foreach (var keepChildren in new[] { false, true })
{
    var team = system.CreateActor<Team>();
    var members = (ActorAddress[])system.Ask(team, keepChildren ? "hire, keep on exit" : "hire", patience)!;
    system.Tell(team, new ActorExitRequest());
    var alive = members.Count(m => system.Ask(m, new ThespianStatusRequest(), patience) is ThespianActorStatus);
    Console.WriteLine($"Team exited (keep children: {keepChildren}): {alive} of {members.Length} members still running");
}

/// <summary>Parses numbers; anything else makes it throw.</summary>
internal sealed class Parser : Actor
{
    private int _attempts;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is string text)
        {
            _attempts++;
            var value = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);   // throws on "forty-two"
            Send(sender, $"Parsed {value} (attempts so far: {_attempts})");
        }
    }
}

/// <summary>Registers for dead letters and reports what it has seen.</summary>
internal sealed class DeadLetterAudit : Actor
{
    private readonly List<string> _seen = [];

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "start":
                HandleDeadLetters();
                break;
            case DeadEnvelope dead:
                _seen.Add($"'{dead.DeadMessage}' for {dead.DeadAddress}");
                break;
            case "report":
                Send(sender, _seen.Count == 0 ? "nothing" : string.Join(", ", _seen));
                break;
        }
    }
}

/// <summary>Creates two children; on exit, optionally leaves them running.</summary>
internal sealed class Team : Actor
{
    private bool _keepChildren;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case string request when request.StartsWith("hire", StringComparison.Ordinal):
                _keepChildren = request.EndsWith("keep on exit", StringComparison.Ordinal);
                Send(sender, new[] { CreateActor<Member>(), CreateActor<Member>() });
                break;
            case ActorExitRequest exit when _keepChildren:
                exit.NotRecursive();
                break;
        }
    }
}

/// <summary>A child that does nothing.</summary>
internal sealed class Member : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}
