using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Thespian.Hosting;

namespace Thespian.Tests.Hosting;

/// <summary>
/// AddThespianHealthCheck in a real Generic Host on every base: healthy while the system answers (on the multiproc bases
/// over the application's connection to the admin), unhealthy once the system is shut down and its admin gone.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class HealthCheckTests(string systemBase)
{
    [Test]
    public async Task CheckHealthAsync_SystemRunning_HealthyWithTheActorCount_ThenUnhealthyOnceShutDown()
    {
        using var host = TestHosts.Build(TestHosts.Settings(systemBase),
                                         services => services.AddHealthChecks().AddThespianHealthCheck(tags: ["ready"]));
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var processes = MultiprocSupport.ProcessesOf(system);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        _ = await system.CreateActorAsync<Behaviour.EchoActor>();

        var running = await health.CheckHealthAsync();
        var pending = await system.ListenAsync(TimeSpan.FromMilliseconds(200));
        await system.ShutdownAsync();
        var stopped = await health.CheckHealthAsync();
        await host.StopAsync();

        Assert.Multiple(() =>
        {
            var entry = running.Entries[ThespianHealthChecksBuilderExtensions.DefaultName];
            Assert.That(entry.Status, Is.EqualTo(HealthStatus.Healthy), entry.Description);
            Assert.That(entry.Data["actors"], Is.EqualTo(1));
            Assert.That(entry.Tags, Is.EquivalentTo(new[] { "ready" }));
            Assert.That(pending, Is.Null, "the check's answer went to its own endpoint, not the application's");
            Assert.That(stopped.Status, Is.EqualTo(HealthStatus.Unhealthy), stopped.Entries.Values.FirstOrDefault().Description);
        });
        MultiprocSupport.AssertAllExited(processes);
    }

    [Test]
    public void AddThespianHealthCheck_ZeroTimeout_Refused() =>
        Assert.That(() => new ServiceCollection().AddHealthChecks().AddThespianHealthCheck(timeout: TimeSpan.Zero),
                    Throws.InstanceOf<ArgumentOutOfRangeException>());
}
