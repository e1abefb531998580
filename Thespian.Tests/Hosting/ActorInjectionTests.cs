using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Thespian.Tests.Hosting;

/// <summary>Actors constructed through the application's services (ActivatorUtilities) on simpleSystemBase under AddThespian.</summary>
public sealed class ActorInjectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public interface IGreeting
    {
        string Greet(string name);
    }

    public sealed class FriendlyGreeting : IGreeting
    {
        public string Greet(string name) => $"Hello, {name}!";
    }

    /// <summary>Greets with the injected service; "child" asks a DI-constructed child to greet and relays its answer.</summary>
    public sealed class GreeterActor(IGreeting greeting) : Actor
    {
        private ActorAddress? _asker;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "child":
                    _asker = sender;
                    Send(CreateActor<GreeterActor>(), "child of a greeter");
                    break;
                case string name when _asker is { } asker && sender != asker:
                    Send(asker, name);
                    break;
                case string name:
                    Send(sender, greeting.Greet(name));
                    break;
            }
        }
    }

    /// <summary>Needs a service nobody registered.</summary>
    public sealed class NeedsMissingService(IServiceScopeFactory scopes, IDisposable missing) : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender) => Send(sender, $"{scopes}{missing}");
    }

    private static IHost StartedHost(bool constructWithServices = true)
    {
        var host = TestHosts.Build(
            TestHosts.Settings(SystemBaseNames.Simple),
            services => services.AddSingleton<IGreeting, FriendlyGreeting>(),
            options => options.ConstructActorsWithServices = constructWithServices);
        host.Start();
        return host;
    }

    [Test]
    public async Task CreateActor_ConstructorTakesAService_GetsItFromTheApplication()
    {
        using var host = StartedHost();
        var system = host.Services.GetRequiredService<ActorSystem>();

        var greeter = await system.CreateActorAsync<GreeterActor>();

        Assert.That(await system.AskAsync<string>(greeter, "Ada", Patience), Is.EqualTo("Hello, Ada!"));
        await host.StopAsync();
    }

    [Test]
    public async Task CreateActor_ByActorFromInsideTheSystem_ChildGetsItsServicesToo()
    {
        using var host = StartedHost();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var greeter = system.CreateActor(typeof(GreeterActor));

        Assert.That(await system.AskAsync<string>(greeter, "child", Patience), Is.EqualTo("Hello, child of a greeter!"));
        await host.StopAsync();
    }

    [Test]
    public async Task CreateActor_ServiceNotRegistered_FailsNamingTheService()
    {
        using var host = StartedHost();
        var system = host.Services.GetRequiredService<ActorSystem>();

        var ex = Assert.ThrowsAsync<InvalidActorSpecificationException>(() => system.CreateActorAsync<NeedsMissingService>())!;

        Assert.That(ex.Message, Does.Contain(typeof(NeedsMissingService).FullName).And.Contain("System.IDisposable"));
        await host.StopAsync();
    }

    [Test]
    public async Task CreateActor_ServicesSwitchedOff_RefusesATypeWithoutParameterlessConstructor()
    {
        using var host = StartedHost(constructWithServices: false);
        var system = host.Services.GetRequiredService<ActorSystem>();

        var ex = Assert.Throws<InvalidActorSpecificationException>(() => system.CreateActor<GreeterActor>())!;

        Assert.That(ex.Message, Does.Contain("no parameterless constructor"));
        await host.StopAsync();
    }

    [Test]
    public void CreateActor_PlainActorSystemWithoutFactory_RefusesATypeWithoutParameterlessConstructor()
    {
        using var system = new ActorSystem(SystemBaseNames.Simple, logDefs: LogDefs.Disabled, transientUnique: true);

        var ex = Assert.Throws<InvalidActorSpecificationException>(() => system.CreateActor<GreeterActor>())!;

        Assert.That(ex.Message, Does.Contain(typeof(GreeterActor).FullName).And.Contain("no parameterless constructor"));
    }

    [Test]
    public async Task CreateActor_ParameterlessActorUnderTheServiceFactory_StillRuns()
    {
        using var host = StartedHost();
        var system = host.Services.GetRequiredService<ActorSystem>();

        var echo = await system.CreateActorAsync<Behaviour.EchoActor>();

        Assert.That(await system.AskAsync<string>(echo, "plain", Patience), Is.EqualTo("plain"));
        await host.StopAsync();
    }
}
