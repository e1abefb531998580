using Microsoft.Extensions.DependencyInjection;
using Thespian;
using Thespian.Hosting;
using Thespian.Tests.ServiceActors;

[assembly: ActorFactory(typeof(ProcessServices))]

namespace Thespian.Tests.ServiceActors;

/// <summary>A service an actor takes in its constructor.</summary>
public interface IProcessGreeting
{
    /// <summary>A greeting for <paramref name="name"/>.</summary>
    string Greet(string name);
}

/// <summary>What <see cref="ProcessServices"/> registers: says which process greets.</summary>
public sealed class ProcessGreeting : IProcessGreeting
{
    /// <inheritdoc />
    public string Greet(string name) => $"Hello, {name}, from process {Environment.ProcessId} (ActorServiceFactory)";
}

/// <summary>The services of this assembly's actors wherever they run, in particular in multiproc actor processes.</summary>
public sealed class ProcessServices : ActorServiceFactory
{
    /// <inheritdoc />
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IProcessGreeting, ProcessGreeting>();
}

/// <summary>Greets with the injected service.</summary>
public sealed class ProcessGreeterActor(IProcessGreeting greeting) : Actor
{
    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is string name)
        {
            Send(sender, greeting.Greet(name));
        }
    }
}
