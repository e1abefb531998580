// MinimalApi: an ASP.NET Core minimal API whose endpoint asks an actor with AskAsync<T>. AddThespian reads
// appsettings.json's "Thespian" section, starts the system before the server listens, and shuts it down (with every
// actor process, on a multiproc base) when the server stops. The greeter takes a service in its constructor.
//
// Run it with:   dotnet run --project examples/MinimalApi
// then:          curl http://127.0.0.1:5080/greet/Ada
// Or in one go:  dotnet run --project examples/MinimalApi -- --self-test   (starts, asks its own endpoint, stops)
//
// The greeter in an OS process of its own (admin on port 19420, from appsettings.json; --self-test comes last, since
// a bare switch followed by another argument would take it as its value):
//   dotnet run --project examples/MinimalApi -- --Thespian:SystemBase=multiprocTCPBase --self-test
// The admin and the actor processes resolve their dependencies as the application does: a web application's
// Microsoft.Extensions.* assemblies come from the ASP.NET Core shared framework, not its folder.
// docs/hosting.md explains the settings.
using MinimalApi;
using Thespian;
using Thespian.Hosting;

[assembly: ActorFactory(typeof(GreeterServices))]

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddThespian(builder.Configuration);
builder.Services.AddSingleton<GreeterDirectory>();
// On simpleSystemBase actors are constructed with the application's services; in an actor process, with GreeterServices'.
builder.Services.AddSingleton<IGreetingFormatter, FriendlyFormatter>();
var app = builder.Build();

app.MapGet("/greet/{name}", async (string name, GreeterDirectory greeters, ActorSystem actors, CancellationToken aborted) =>
{
    var greeter = await greeters.GreeterAsync(aborted);
    // Typed ask: the actor's Greeting, or null when it does not answer within the timeout.
    var greeting = await actors.AskAsync<Greeting>(greeter, new Greet(name), TimeSpan.FromSeconds(10), aborted);
    return greeting is null ? Results.StatusCode(StatusCodes.Status504GatewayTimeout) : Results.Ok(greeting);
});

if (!args.Contains("--self-test"))
{
    await app.RunAsync();
    return 0;
}

// Self-test: start, ask the endpoint over HTTP as a client would, stop.
await app.StartAsync();
try
{
    using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    var body = await client.GetStringAsync(new Uri("/greet/Ada", UriKind.Relative));
    Console.WriteLine($"GET /greet/Ada -> {body} (this server is process {Environment.ProcessId})");
    return 0;
}
finally
{
    await app.StopAsync();
}

namespace MinimalApi
{
    public sealed record Greet(string Name);

    public sealed record Greeting(string Text, int ActorProcessId);

    public interface IGreetingFormatter
    {
        string Format(string name);
    }

    public sealed class FriendlyFormatter : IGreetingFormatter
    {
        public string Format(string name) => $"Hello, {name}!";
    }

    /// <summary>Runs in an actor process of its own; its constructor's service comes from <see cref="GreeterServices"/> there.</summary>
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

    /// <summary>The services of this assembly's actors in their actor processes.</summary>
    public sealed class GreeterServices : ActorServiceFactory
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IGreetingFormatter, FriendlyFormatter>();
    }

    /// <summary>The one greeter, a named actor: every create with its global name returns the same address.</summary>
    public sealed class GreeterDirectory(ActorSystem actors)
    {
        public Task<ActorAddress> GreeterAsync(CancellationToken cancellationToken) =>
            actors.CreateActorAsync<Greeter>(globalName: "greeter", cancellationToken: cancellationToken);
    }
}
