using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Thespian;
using Thespian.Tests.Peer;

// A second application process for the multiproc tests. Usage:
//
//   Thespian.Tests.Peer <admin port> [--log <file>] [--base <name>] <command> [arguments...]
//   Thespian.Tests.Peer udp-probe <count>
//
//   start                                      start (or join) the system and exit WITHOUT shutting it down
//   ask-named <actor type> <global name> <msg> create-or-get the named actor, Ask it <msg> (a string)
//   create-ask <actor type> <msg>              create an actor, Ask it <msg> (a string)
//   shutdown                                   join the system and shut it down
//   loss-scenario <tells> <asks> <creates>     the loss tests' scenario (LossScenario.cs), then shut the system down
//   udp-probe <count>                          no system: count UDP datagrams over loopback (UdpProbe.cs)
//
// --base names the system base (default multiprocTCPBase).
// Results are printed on stdout as "key=value" lines (pid=, system=, address=, answer=, shutdown=, ...).
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

    var (port, logFile, baseName, command, arguments) = Parse(args);
    Console.WriteLine($"pid={Environment.ProcessId}");
    var capabilities = new Dictionary<string, object?> { [CommonCapabilities.AdminPort] = port };
    var logDefs = logFile is null
        ? LogDefs.Disabled
        : new LogDefs { FilePath = logFile, MinimumLevel = LogLevel.Information, LoggerFactory = NullLoggerFactory.Instance };
    var system = new ActorSystem(baseName, capabilities, logDefs, transientUnique: true);
    Console.WriteLine($"base={system.SystemBaseName}");
    Console.WriteLine($"system={system.SystemAddress}");
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
            system.Shutdown();
            Console.WriteLine("shutdown=ok");
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
                system.Shutdown();
                Console.WriteLine("shutdown=ok");
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

static void AskAndPrint(ActorSystem system, ActorAddress actor, string message, TimeSpan timeout)
{
    Console.WriteLine($"address={actor}");
    var answer = system.Ask(actor, message, timeout);
    Console.WriteLine($"answer={answer?.ToString() ?? "null"}");
}

static (int Port, string? LogFile, string Base, string Command, IReadOnlyList<string> Arguments) Parse(string[] args)
{
    if (args.Length < 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
    {
        throw new ArgumentException("Expected: <admin port> [--log <file>] [--base <name>] <command> [arguments...]");
    }

    var next = 1;
    string? logFile = null;
    var baseName = SystemBaseNames.MultiprocTcp;
    while (args[next] is "--log" or "--base")
    {
        if (args.Length < next + 3)
        {
            throw new ArgumentException($"{args[next]} needs a value and a command after it.");
        }

        if (args[next] == "--log")
        {
            logFile = args[next + 1];
        }
        else
        {
            baseName = args[next + 1];
        }

        next += 2;
    }

    return (port, logFile, baseName, args[next], args[(next + 1)..]);
}

static int PositiveCount(string text) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
        ? count
        : throw new ArgumentException($"Expected a positive count, got \"{text}\".");
