using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Thespian;
using Thespian.Tests.Peer;

// A second application process for the multiproc tests. Usage:
//
//   Thespian.Tests.Peer <admin port> [--log <file>] [--base <name>] [--capability <name>=<value>]... <command> [arguments...]
//   Thespian.Tests.Peer udp-probe <count>
//
//   start                                      start (or join) the system and exit WITHOUT shutting it down
//   ask-named <actor type> <global name> <msg> create-or-get the named actor, Ask it <msg> (a string)
//   create-ask <actor type> <msg>              create an actor, Ask it <msg> (a string)
//   shutdown                                   join the system and shut it down
//   loss-scenario <tells> <asks> <creates>     the loss tests' scenario (LossScenario.cs), then shut the system down
//   convention-leader <members> <dogs>         wait for <members> convention members, create <dogs> PlacedDog actors
//                                              (placed on members), ask each where it runs, shut down (ConventionNode.cs)
//   convention-routing-leader                  wait for 3 members; create a RoutedDog, an OutboundDog and a BlockedDog
//                                              (placed by capability), ask them, have two ask each other (ConventionNode.cs)
//   convention-member                          wait to see a convention leader, then until stdin closes; shut down
//   udp-probe <count>                          no system: count UDP datagrams over loopback (UdpProbe.cs)
//
// --base names the system base (default multiprocTCPBase). --capability adds a capability of the system ("true" and
// "false" are booleans, any other value a string), e.g. --capability dog=true
// --capability "Convention Address.IPv4=10.231.0.1:1900".
// Results are printed on stdout as "key=value" lines (pid=, system=, address=, answer=, shutdown=, shutdown.seconds=, ...).
// Exit code 0 on success; 1 with an "error=<type>: <message>" line when the command failed; 2 on bad usage.
// Actor types are given by name (namespace-qualified): the peer references no test assembly, the actor
// path (this program's folder) provides them. The loss scenario's actors are in this assembly (LossActors.cs),
// which is on that actor path too.
var timeout = TimeSpan.FromSeconds(60);
try
{
    if (args is ["udp-probe", var probeCount])
    {
        UdpProbe.Run(PositiveCount(probeCount));
        return 0;
    }

    var (port, logFile, baseName, extraCapabilities, command, arguments) = PeerArguments.Parse(args);
    Console.WriteLine($"pid={Environment.ProcessId}");
    var capabilities = new Dictionary<string, object?>(extraCapabilities) { [CommonCapabilities.AdminPort] = port };
    var logDefs = logFile is null
        ? LogDefs.Disabled
        : new LogDefs { FilePath = logFile, MinimumLevel = LogLevel.Information, LoggerFactory = NullLoggerFactory.Instance };
    var starting = System.Diagnostics.Stopwatch.StartNew();
    var system = new ActorSystem(baseName, capabilities, logDefs, transientUnique: true);
    Console.WriteLine($"base={system.SystemBaseName}");
    Console.WriteLine($"system={system.SystemAddress}");
    Console.WriteLine($"start.seconds={PeerOutput.Seconds(starting)}");
    switch (command)
    {
        case "start":
            // Leave without Shutdown (and without Dispose): the admin must outlive this process.
            Console.Out.Flush();
            return 0;
        case "ask-named" when arguments.Count == 3:
            AskAndPrint(system, system.CreateActor(arguments[0], globalName: arguments[1]), arguments[2], timeout);
            system.Dispose();
            return 0;
        case "create-ask" when arguments.Count == 2:
            AskAndPrint(system, system.CreateActor(arguments[0]), arguments[1], timeout);
            system.Dispose();
            return 0;
        case "shutdown":
            ShutDown(system);
            return 0;
        case "loss-scenario" when arguments.Count == 3:
            try
            {
                var completed = new LossScenario(system).Run(
                    PositiveCount(arguments[0]), PositiveCount(arguments[1]), PositiveCount(arguments[2]));
                return completed ? 0 : 1;
            }
            finally
            {
                ShutDown(system);
            }

        case "convention-leader" when arguments.Count == 2:
            try
            {
                return new ConventionNode(system).Lead(PositiveCount(arguments[0]), PositiveCount(arguments[1])) ? 0 : 1;
            }
            finally
            {
                ShutDown(system);
            }

        case "convention-routing-leader" when arguments.Count == 0:
            try
            {
                return new ConventionNode(system).LeadRouted() ? 0 : 1;
            }
            finally
            {
                ShutDown(system);
            }

        case "convention-member" when arguments.Count == 0:
            try
            {
                return new ConventionNode(system).Serve() ? 0 : 1;
            }
            finally
            {
                ShutDown(system);
            }

        default:
            throw new ArgumentException($"Unknown command or wrong arguments: {command} {string.Join(' ', arguments)}");
    }
}
catch (ArgumentException ex)
{
    Console.WriteLine($"usage-error={ex.Message}");
    return 2;
}
catch (Exception ex)
{
    Console.WriteLine($"error={ex.GetType().FullName}: {ex.Message}");
    return 1;
}

static void ShutDown(ActorSystem system)
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    system.Shutdown();
    Console.WriteLine("shutdown=ok");
    Console.WriteLine($"shutdown.seconds={PeerOutput.Seconds(watch)}");
}

static void AskAndPrint(ActorSystem system, ActorAddress actor, string message, TimeSpan timeout)
{
    Console.WriteLine($"address={actor}");
    var answer = system.Ask(actor, message, timeout);
    Console.WriteLine($"answer={answer?.ToString() ?? "null"}");
}

static int PositiveCount(string text) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
        ? count
        : throw new ArgumentException($"Expected a positive count, got \"{text}\".");
