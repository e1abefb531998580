// HostedActors: Thespian in a .NET Generic Host. AddThespian reads the "Thespian" section of appsettings.json
// (the base, capabilities — "Max Message Size": "1000000" becomes the int Thespian reads — and logging), a hosted
// service starts the system before the worker runs and shuts it down when the host stops, ActorSystem is injected,
// and the greeter actor takes a service in its constructor.
//
// Run it with:   dotnet run --project examples/HostedActors
// On multiprocTCPBase (the greeter then runs in a process of its own, its services from GreeterServices):
//   dotnet run --project examples/HostedActors -- --Thespian:SystemBase=multiprocTCPBase "--Thespian:Capabilities:Admin Port=19410"
// docs/hosting.md explains every setting.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Thespian;
using Thespian.Hosting;
using HostedActors;

[assembly: ActorFactory(typeof(GreeterServices))]

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    // appsettings.json is copied beside the program; read it from there whatever the current directory.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddSingleton<IGreetingFormatter, FriendlyFormatter>();
builder.Services.AddThespian(builder.Configuration);
builder.Services.AddHostedService<GreetingWorker>();

await builder.Build().RunAsync();

namespace HostedActors
{
    /// <summary>The request and the reply (records travel between processes as they are).</summary>
    public sealed record Greet(string Name);

    public sealed record Greeting(string Text, int ActorProcessId);

    /// <summary>A service the greeter takes in its constructor.</summary>
    public interface IGreetingFormatter
    {
        string Format(string name);
    }

    public sealed class FriendlyFormatter : IGreetingFormatter
    {
        public string Format(string name) => $"Hello, {name}!";
    }

    /// <summary>
    /// Constructed through dependency injection: on simpleSystemBase with the application's services, in an actor
    /// process of multiprocTCPBase with the services <see cref="GreeterServices"/> configures there.
    /// </summary>
    public sealed class Greeter(IGreetingFormatter formatter) : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Greet greet)
            {
                Send(sender, new Greeting(formatter.Format(greet.Name), Environment.ProcessId));
            }
        }
    }

    /// <summary>The services of this assembly's actors in a multiproc actor process (named by [assembly: ActorFactory]).</summary>
    public sealed class GreeterServices : ActorServiceFactory
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IGreetingFormatter, FriendlyFormatter>();
    }

    /// <summary>Uses the injected ActorSystem once the host has started it, then stops the application.</summary>
    public sealed partial class GreetingWorker(ActorSystem actors, IHostApplicationLifetime lifetime, ILogger<GreetingWorker> logger)
        : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                var greeter = await actors.CreateActorAsync<Greeter>(cancellationToken: stoppingToken);
                foreach (var name in new[] { "Ada", "Grace", "Linus" })
                {
                    // Typed ask: a Greeting, null if none comes within the timeout, an exception if another type comes.
                    var greeting = await actors.AskAsync<Greeting>(greeter, new Greet(name), TimeSpan.FromSeconds(10), stoppingToken);
                    Greeted(logger, greeting?.Text ?? "(no answer)", greeting?.ActorProcessId ?? 0, Environment.ProcessId,
                            actors.SystemBaseName);
                }
            }
            finally
            {
                // The hosted service added by AddThespian shuts the system down as the host stops.
                lifetime.StopApplication();
            }
        }

        [LoggerMessage(Level = LogLevel.Information,
                       Message = "{Text} (actor in process {ActorProcess}; this application is process {AppProcess}; base {SystemBase})")]
        private static partial void Greeted(ILogger logger, string text, int actorProcess, int appProcess, string systemBase);
    }
}
