// Observability: Thespian's metrics, traces and health check, exported to the console with OpenTelemetry.
// The application asks a greeter, which passes the work to a child actor: one trace spans the application's
// thespian.ask, the greeter's thespian.receive and the child's thespian.receive. The meter's instruments
// (messages sent and received, actors alive, create duration, queue depth, ...) are exported when the host stops,
// and the health check asks the system for its status.
//
// Run it with:   dotnet run --project examples/Observability
// On multiprocTCPBase the actors run in processes of their own: the application exports its own spans and
// measurements (the trace context still travels to the actors); docs/observability.md says how to collect the
// actor processes' own.
//   dotnet run --project examples/Observability -- --Thespian:SystemBase=multiprocTCPBase "--Thespian:Capabilities:Admin Port=19420"
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Thespian;
using Thespian.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddThespian(builder.Configuration);
builder.Services.AddHealthChecks().AddThespianHealthCheck();
builder.Services.AddOpenTelemetry()
       .ConfigureResource(resource => resource.AddService("thespian-observability-example"))
       .WithTracing(tracing => tracing.AddSource(ThespianDiagnostics.ActivitySourceName).AddConsoleExporter())
       .WithMetrics(metrics => metrics.AddMeter(ThespianDiagnostics.MeterName).AddConsoleExporter());

using var host = builder.Build();
await host.StartAsync();

var actors = host.Services.GetRequiredService<ActorSystem>();
var greeter = await actors.CreateActorAsync<Greeter>();
foreach (var name in new[] { "Ada", "Grace" })
{
    var greeting = await actors.AskAsync<Greeting>(greeter, new Greet(name), TimeSpan.FromSeconds(10));
    Console.WriteLine($"{greeting?.Text} (from process {greeting?.ActorProcessId})");
}

var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
Console.WriteLine($"health: {health.Status} ({string.Join("; ", health.Entries.Select(e => $"{e.Key}: {e.Value.Description}"))})");

// Stopping the host shuts the system down; disposing it flushes the exporters (the metrics are printed then).
await host.StopAsync();
return health.Status == HealthStatus.Healthy ? 0 : 1;

namespace Observability
{
    /// <summary>The request and the reply.</summary>
    public sealed record Greet(string Name);

    public sealed record Greeting(string Text, int ActorProcessId);

    /// <summary>What the greeter asks its child to do for the application.</summary>
    public sealed record Format(Greet Request, ActorAddress ReplyTo);

    /// <summary>Passes each request to a child actor, which answers the application directly.</summary>
    public sealed class Greeter : Actor
    {
        private ActorAddress? _formatter;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Greet greet)
            {
                _formatter ??= CreateActor<Formatter>();
                Send(_formatter, new Format(greet, sender));
            }
        }
    }

    /// <summary>Answers a <see cref="Format"/> request.</summary>
    public sealed class Formatter : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Format format)
            {
                Send(format.ReplyTo, new Greeting($"Hello, {format.Request.Name}!", Environment.ProcessId));
            }
        }
    }
}
