// Convention: three actor systems working as one. A leader ("kennel") and two members ("farm" with capability
// "dog", "zoo" with "dog" and "cow") each run their own admin on a port of this host; the members check in with the
// leader. A create the leader's own capabilities refuse runs on a member whose capabilities pass, spread over them,
// and messages then go straight to the actor's process there.
// Run it with:  dotnet run --project examples/Convention
// Across hosts it is the same program with real addresses: set THESPIAN_BASE_IPADDR on each host and list the
// leader's "host:port" in "Convention Address.IPv4" (docs/operations.md, section "Conventions across hosts").
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Thespian;

var patience = TimeSpan.FromSeconds(30);
var leaderPort = FreePort();
var leaderEndpoint = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{leaderPort}");

// transientUnique: several systems in one process, each its own (an application normally has one).
using var kennel = Start(leaderPort, []);
using var farm = Start(FreePort(), new() { [CommonCapabilities.ConventionAddressIPv4] = leaderEndpoint, ["dog"] = true });
using var zoo = Start(FreePort(), new() { [CommonCapabilities.ConventionAddressIPv4] = leaderEndpoint, ["dog"] = true, ["cow"] = true });
var exitCode = 1;
try
{
    // Members check in at once and then every second; wait until the leader sees both.
    var deadline = DateTime.UtcNow + patience;
    while (Status(kennel).ConventionMembers.Count < 2 && DateTime.UtcNow < deadline)
    {
        Thread.Sleep(100);
    }

    Console.WriteLine($"Leader {kennel.SystemAddress} sees members: {string.Join(", ", Status(kennel).ConventionMembers)}");

    // The kennel has neither "dog" nor "cow": each create runs on a member whose capabilities pass, the one with the
    // fewest actors placed there first.
    for (var i = 1; i <= 4; i++)
    {
        var dog = kennel.CreateActor<Dog>();
        Console.WriteLine($"dog {i} answers from process {kennel.Ask(dog, "where", patience)} (this program is {Environment.ProcessId})");
    }

    Console.WriteLine($"Actors on the farm: {Status(farm).ActorCount}, in the zoo: {Status(zoo).ActorCount}");

    var cow = kennel.CreateActor<Cow>();
    Console.WriteLine($"The cow says {kennel.Ask(cow, "speak", patience)} (only the zoo has \"cow\")");

    try
    {
        kennel.CreateActor<Unicorn>();
    }
    catch (NoCompatibleSystemForActorException ex)
    {
        Console.WriteLine($"No system has \"unicorn\": {ex.GetType().Name}");
    }

    exitCode = 0;
}
finally
{
    zoo.Shutdown();
    farm.Shutdown();
    kennel.Shutdown();
}

return exitCode;

static ActorSystem Start(int port, Dictionary<string, object?> capabilities)
{
    capabilities[CommonCapabilities.AdminPort] = port;
    return new ActorSystem(SystemBaseNames.MultiprocTcp, capabilities, transientUnique: true);
}

static ThespianSystemStatus Status(ActorSystem system) =>
    (ThespianSystemStatus)system.Ask(system.SystemAddress, new ThespianStatusRequest(), TimeSpan.FromSeconds(30))!;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

/// <summary>Runs only where the capability "dog" is truthy; answers "where" with its process id.</summary>
[RequireCapability("dog")]
internal sealed class Dog : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is "where")
        {
            Send(sender, Environment.ProcessId);
        }
    }
}

/// <summary>Runs only where the capability "cow" is truthy.</summary>
[RequireCapability("cow")]
internal sealed class Cow : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is "speak")
        {
            Send(sender, "moo");
        }
    }
}

/// <summary>No system has "unicorn".</summary>
[RequireCapability("unicorn")]
internal sealed class Unicorn : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}
