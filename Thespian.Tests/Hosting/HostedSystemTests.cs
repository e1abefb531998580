using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Thespian.Tests.Hosting;

/// <summary>
/// AddThespian in a real Generic Host, on every base: the system runs once the host has started, the injected
/// <see cref="ActorSystem"/> answers, and once the host has stopped the system and every process it ran are gone.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class HostedSystemTests(string systemBase)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Test]
    public async Task StartAsync_ThenStopAsync_SystemRunsWhileTheHostRunsAndIsGoneAfter()
    {
        using var host = TestHosts.Build(TestHosts.Settings(systemBase));

        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var processes = MultiprocSupport.ProcessesOf(system);
        var echo = await system.CreateActorAsync<Behaviour.EchoActor>();
        var answer = await system.AskAsync<string>(echo, "through the host", Patience);
        var status = await system.AskAsync<ThespianSystemStatus>(system.SystemAddress, new ThespianStatusRequest(), Patience);
        await host.StopAsync();

        Assert.That(system.SystemBaseName, Is.EqualTo(systemBase));
        Assert.That(answer, Is.EqualTo("through the host"));
        Assert.That(status!.ActorCount, Is.EqualTo(1));
        Assert.That(() => system.Tell(echo, "after stop"), Throws.InstanceOf<ActorSystemFailureException>());
        if (systemBase != SystemBaseNames.Simple)
        {
            Assert.That(processes, Is.Not.Empty, "a multiproc system runs an admin process");
        }

        MultiprocSupport.AssertAllExited(processes);
    }

    [Test]
    public async Task StartAsync_MaxMessageSizeFromConfigurationText_IsTheIntThespianReads()
    {
        using var host = TestHosts.Build(TestHosts.Settings(systemBase, "\"Max Message Size\": \"1000\""));

        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var processes = MultiprocSupport.ProcessesOf(system);
        try
        {
            Assert.That(system.Capabilities["Max Message Size"], Is.EqualTo(1000).And.TypeOf<int>());
            Assert.That(system.Capabilities[CommonCapabilities.AdminPort], Is.TypeOf<int>());
            if (systemBase != SystemBaseNames.Simple)
            {
                // The transport enforces the limit it read: a 2000-character message is refused, naming the limit.
                var echo = await system.CreateActorAsync<Behaviour.EchoActor>();
                var ex = Assert.Throws<ActorSystemException>(() => system.Tell(echo, new string('x', 2000)))!;
                Assert.That(ex.Message, Does.Contain("1000 bytes"));
                Assert.That(await system.AskAsync<string>(echo, "small", Patience), Is.EqualTo("small"));
            }
        }
        finally
        {
            await host.StopAsync();
        }

        MultiprocSupport.AssertAllExited(processes);
    }

    [Test]
    public async Task StopAsync_ShutdownOnStopFalse_ReleasesThisApplicationAndLeavesAMultiprocSystemRunning()
    {
        var settings = TestHosts.Settings(systemBase);
        using var host = TestHosts.Build(settings, configure: options => options.ShutdownOnStop = false);
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var port = system.Capabilities[CommonCapabilities.AdminPort];
        var processes = MultiprocSupport.ProcessesOf(system);

        await host.StopAsync();

        if (systemBase == SystemBaseNames.Simple)
        {
            // A simple system lives in the application only: it ends with it whatever the setting.
            Assert.That(() => system.Tell(system.SystemAddress, "after"), Throws.InstanceOf<ActorSystemFailureException>().Or.InstanceOf<ObjectDisposedException>());
            return;
        }

        using var joined = new ActorSystem(systemBase, new Dictionary<string, object?> { [CommonCapabilities.AdminPort] = port },
                                           MultiprocSupport.TestLogDefs(systemBase), transientUnique: true);
        var echo = await joined.CreateActorAsync<Behaviour.EchoActor>();
        Assert.That(await joined.AskAsync<string>(echo, "still running", Patience), Is.EqualTo("still running"));
        await joined.ShutdownAsync();
        MultiprocSupport.AssertAllExited(processes);
    }
}
