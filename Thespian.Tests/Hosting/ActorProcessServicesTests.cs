using Microsoft.Extensions.DependencyInjection;
using Thespian.Tests.ServiceActors;

namespace Thespian.Tests.Hosting;

/// <summary>
/// [assembly: ActorFactory] with an ActorServiceFactory: the documented way to give services to actors wherever they run.
/// On multiproc bases the actor is constructed in its own process from that factory's services; on the simple base
/// the same attribute serves a system started without a factory, and AddThespian's application services come first.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class ActorProcessServicesTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>What the application registers under AddThespian (the simple base uses it instead of the assembly's factory).</summary>
    private sealed class ApplicationGreeting : IProcessGreeting
    {
        public string Greet(string name) => $"Hello, {name}, from the application's services";
    }

    [Test]
    public async Task CreateActor_AssemblyNamesAnActorServiceFactory_ActorGetsItsServicesWhereverItRuns()
    {
        var greeter = await System.CreateActorAsync<ProcessGreeterActor>();

        var greeting = await System.AskAsync<string>(greeter, "Grace", Patience);

        Assert.That(greeting, Does.StartWith("Hello, Grace, from process ").And.EndWith("(ActorServiceFactory)"));
        var process = int.Parse(greeting!.Split(' ')[4], global::System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(process, IsMultiproc ? Is.Not.EqualTo(Environment.ProcessId) : Is.EqualTo(Environment.ProcessId),
                    IsMultiproc ? "constructed in an actor process of its own" : "constructed in this process");
    }

    [Test]
    public async Task CreateActor_UnderAddThespian_ApplicationServicesComeFirstOnTheSimpleBase()
    {
        using var host = TestHosts.Build(TestHosts.Settings(SystemBase),
                                         services => services.AddSingleton<IProcessGreeting, ApplicationGreeting>());
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var processes = MultiprocSupport.ProcessesOf(system);

        var greeter = await system.CreateActorAsync<ProcessGreeterActor>();
        var greeting = await system.AskAsync<string>(greeter, "Linus", Patience);
        await host.StopAsync();

        Assert.That(greeting, IsMultiproc
            ? Does.EndWith("(ActorServiceFactory)")
            : Is.EqualTo("Hello, Linus, from the application's services"));
        MultiprocSupport.AssertAllExited(processes);
    }
}
