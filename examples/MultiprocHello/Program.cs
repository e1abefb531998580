// MultiprocHello: actors in OS processes of their own. The first ActorSystem on multiprocTCPBase
// starts an admin process on the admin port; every actor then runs in a process the admin hands it,
// and messages travel between processes over loopback TCP as JSON.
// Run it with:  dotnet run --project examples/MultiprocHello [-- <admin port>]
// Without a port it picks a free one, so it never joins a system that is already running. Given the
// port of a running system, it joins that system, and its Shutdown() at the end stops that system.
// docs/operations.md explains the admin, the processes and the command line.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Thespian;

var port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : FreePort();
var patience = TimeSpan.FromSeconds(30);
var capabilities = new Dictionary<string, object?> { [CommonCapabilities.AdminPort] = port };

// Starts the admin (a detached process) if nothing answers on the port, else joins the one there.
ActorSystem system;
try
{
    system = new ActorSystem(SystemBaseNames.MultiprocTcp, capabilities);
}
catch (ActorSystemStartupFailureException ex)
{
    // For example: something that is not a Thespian admin listens on the port.
    Console.Error.WriteLine(ex.Message);
    return 1;
}

var actorProcesses = new List<int>();
try
{
    Console.WriteLine($"This application is process {Environment.ProcessId}; the admin listens on 127.0.0.1:{port}.");

    // CreateActor blocks until the actor runs in its own process.
    var first = system.CreateActor<Greeter>();
    var second = system.CreateActor<Greeter>();
    foreach (var (name, actor) in new[] { ("first", first), ("second", second) })
    {
        // Messages are serialized: records with public properties travel as they are, and the int
        // in Greeting arrives as an int.
        if (system.Ask(actor, new Hello(name), patience) is Greeting greeting)
        {
            actorProcesses.Add(greeting.ProcessId);
            var where = greeting.ProcessId == Environment.ProcessId ? "this process!" : "a process of its own";
            Console.WriteLine($"{greeting.Text} (from process {greeting.ProcessId}: {where})");
        }
    }

    var status = (ThespianSystemStatus?)system.Ask(system.SystemAddress, new ThespianStatusRequest(), patience);
    Console.WriteLine($"Actors running in the system: {status?.ActorCount}");
}
finally
{
    // Stops every actor, every actor process and the admin. Dispose() alone would leave them running:
    // a multiproc system outlives the application that started it.
    system.Shutdown();
}

var allExited = actorProcesses.All(HasExited);
Console.WriteLine(allExited
    ? "After Shutdown, the actors' processes have exited."
    : "Some actor process is still running after Shutdown.");
return allExited ? 0 : 1;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static bool HasExited(int processId)
{
    try
    {
        using var process = System.Diagnostics.Process.GetProcessById(processId);
        return process.HasExited;
    }
    catch (ArgumentException)
    {
        return true;   // no such process any more
    }
}

/// <summary>A greeting request.</summary>
internal sealed record Hello(string Name);

/// <summary>The answer: the text, and the process the actor runs in.</summary>
internal sealed record Greeting(string Text, int ProcessId);

/// <summary>Answers every <see cref="Hello"/> with a greeting from its own process.</summary>
internal sealed class Greeter : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is Hello hello)
        {
            Send(sender, new Greeting($"Hello, {hello.Name}!", Environment.ProcessId));
        }
    }
}
