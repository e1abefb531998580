using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources;

/// <summary>UnloadActorSource and source availability notifications.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class SourceUnloadTests(string systemBase) : SourceFixture(systemBase)
{
    [SetUp]
    public void RegisterTheAuthority() => RegisterAuthority();

    [Test]
    public void UnloadActorSource_StopsNewCreationsFromIt()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));

        System.UnloadActorSource(hash);

        Assert.Multiple(() =>
        {
            Assert.That(() => System.CreateActor(TestSources.GreeterType, sourceHash: hash),
                        Throws.InstanceOf<InvalidActorSourceHashException>().With.Message.Contains(hash));
            Assert.That(LoadedSources(), Does.Not.Contain(hash));
        });
    }

    [Test]
    public void UnloadActorSource_LeavesItsRunningActorsRunning()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);

        System.UnloadActorSource(hash);

        Assert.That(System.Ask(greeter, "version", Patience), Is.EqualTo("v1"));
    }

    [Test]
    public void UnloadActorSource_OfOneVersion_LeavesTheOtherUsable()
    {
        var v1 = LoadValidated(TestSources.Greeter("v1"));
        var v2 = LoadValidated(TestSources.Greeter("v2"));

        System.UnloadActorSource(v1);
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: v2);

        Assert.That(System.Ask(greeter, "version", Patience), Is.EqualTo("v2"));
    }

    [Test]
    public void ASourceLoadedAgainAfterUnloading_IsUsableAgain()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));
        System.UnloadActorSource(hash);

        Assert.That(LoadValidated(TestSources.Greeter("v1")), Is.EqualTo(hash));
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);
        Assert.That(System.Ask(greeter, "version", Patience), Is.EqualTo("v1"));
    }

    [Test]
    public void NotifyOnSourceAvailability_SendsLoadedSourceAndUnloadedSource()
    {
        var watcher = System.CreateActor<SourceWatcher>();
        Assert.That(System.Ask(watcher, "watch", Patience), Is.EqualTo("watching"));

        var hash = Load(TestSources.Greeter("v1"));
        var loaded = ListenFor<string>();
        System.UnloadActorSource(hash);
        var unloaded = ListenFor<string>();

        Assert.Multiple(() =>
        {
            Assert.That(loaded, Is.EqualTo($"loaded {hash} {UnsafeDevelopmentSourceAuthority.AcceptedInfo}"));
            Assert.That(unloaded, Is.EqualTo($"unloaded {hash}"));
        });
    }

    [Test]
    public void NotifyOnSourceAvailability_SourcesAlreadyLoaded_SendsLoadedSourceForEachStillLoaded()
    {
        var v1 = LoadValidated(TestSources.Greeter("v1"));
        var v2 = LoadValidated(TestSources.Greeter("v2"));
        var gone = LoadValidated(TestSources.Greeter("v3"));
        System.UnloadActorSource(gone);
        var watcher = System.CreateActor<SourceWatcher>();

        Assert.That(System.Ask(watcher, "watch", Patience), Is.EqualTo("watching"));

        var info = UnsafeDevelopmentSourceAuthority.AcceptedInfo;
        Assert.That(Collect(2), Is.EquivalentTo(new[] { $"loaded {v1} {info}", $"loaded {v2} {info}" }));
        AssertNothingArrives();
    }

    [Test]
    public void CreateActorInsideAnActor_FromAnUnloadedSource_FailsAndTheActorLivesOn()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);
        System.UnloadActorSource(hash);

        // The greeter's "helper" creates a child by name from its own (now unloaded) source: no helper answers.
        // The simple base refuses at once (the handler throws, so the request comes back as poison); a multiproc
        // base refuses in the admin (the greeter gets ChildActorExited).
        var answer = System.Ask(greeter, "helper", Brief);
        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.Null.Or.InstanceOf<PoisonMessage>());
            Assert.That((answer as PoisonMessage)?.Details ?? nameof(InvalidActorSourceHashException),
                        Does.Contain(nameof(InvalidActorSourceHashException)));
            Assert.That(System.Ask(greeter, "version", Patience), Is.EqualTo("v1"));
        });
    }
}
