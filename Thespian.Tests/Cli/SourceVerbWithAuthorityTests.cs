using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Cli;

/// <summary>load and unload against a real admin whose system has a source authority: the CLI's source is usable.</summary>
[NonParallelizable]
public sealed class SourceVerbWithAuthorityTests : CliAdminFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private string _zip = null!;

    [SetUp]
    public void WriteZip()
    {
        _zip = Path.Combine(Path.GetTempPath(), "thespian-cli-" + Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(_zip, TestSources.Greeter("cli"));
    }

    [TearDown]
    public void DeleteZip() => File.Delete(_zip);

    [Test]
    public void LoadThenUnload_TheSourceIsUsableInBetweenAndRefusedAfter()
    {
        StartAdmin();
        using var system = new ActorSystem(SystemBaseNames.MultiprocTcp, new Dictionary<string, object?> { ["Admin Port"] = Port });
        var authority = system.CreateActor<UnsafeDevelopmentSourceAuthority>();
        Assert.That(system.Ask(authority, "register", Patience), Is.InstanceOf<SourceAuthorityReady>());

        var hash = Run("load", "--port", PortText, _zip).StdOut.Trim();
        WaitUntilListed(system, hash);
        var greeter = system.CreateActor(TestSources.GreeterType, sourceHash: hash);
        Assert.That(system.Ask(greeter, "version", Patience), Is.EqualTo("cli"));

        var unload = Run("unload", "--port", PortText, hash);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unload.ExitCode, Is.Zero, unload.ToString());
            Assert.That(() => system.CreateActor(TestSources.GreeterType, sourceHash: hash),
                        Throws.InstanceOf<InvalidActorSourceHashException>());
            Assert.That(Run("status", "--port", PortText).StdOut, Does.Contain("Loaded sources:       (none)"));
        }
    }

    private static void WaitUntilListed(ActorSystem system, string hash)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!((ThespianSystemStatus)system.Ask(system.SystemAddress, new ThespianStatusRequest(), Patience)!).LoadedSources.Contains(hash))
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the source {hash} to be listed");
            Thread.Sleep(20);
        }
    }
}
