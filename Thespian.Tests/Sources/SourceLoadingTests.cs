using Thespian.Tests.Behaviour;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources;

/// <summary>Creating actors from validated sources: types found in the source first, versions side by side, dependencies inside a source.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class SourceLoadingTests(string systemBase) : SourceFixture(systemBase)
{
    [SetUp]
    public void RegisterTheAuthority() => RegisterAuthority();

    [Test]
    public void CreateActor_ByNameFromAValidatedSource_RunsTheSourcesType()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));

        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);

        Assert.That(System.Ask(greeter, "version", Patience), Is.EqualTo("v1"));
    }

    [Test]
    public void CreateActor_ByTypeWithASourceHash_FindsTheTypeOfThatNameInTheSourceFirst()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));

        var fromSource = System.CreateActor(typeof(global::Sources.Greeting.Greeter), sourceHash: hash);
        var fromActorPath = System.CreateActor(typeof(global::Sources.Greeting.Greeter));

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(fromSource, "version", Patience), Is.EqualTo("v1"));
            Assert.That(System.Ask(fromActorPath, "version", Patience), Is.EqualTo("actor path"));
        });
    }

    [Test]
    public void CreateActor_ATypeTheSourceDoesNotHave_IsFoundOnTheActorPath()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));

        var echo = System.CreateActor(typeof(EchoActor).FullName!, sourceHash: hash);

        Assert.That(System.Ask(echo, "hi", Patience), Is.EqualTo("hi"));
    }

    [Test]
    public void TwoVersionsOfOneActorType_LoadedAsTwoSources_RunSideBySideAndAnswerDifferently()
    {
        var v1 = LoadValidated(TestSources.Greeter("v1"));
        var v2 = LoadValidated(TestSources.Greeter("v2"));

        var first = System.CreateActor(TestSources.GreeterType, sourceHash: v1);
        var second = System.CreateActor(TestSources.GreeterType, sourceHash: v2);

        Assert.Multiple(() =>
        {
            Assert.That(v1, Is.Not.EqualTo(v2));
            Assert.That(System.Ask(first, "version", Patience), Is.EqualTo("v1"));
            Assert.That(System.Ask(second, "version", Patience), Is.EqualTo("v2"));
        });
    }

    [Test]
    public void AnActorFromASource_CreatesChildrenByNameFromItsOwnSource()
    {
        var v1 = LoadValidated(TestSources.Greeter("v1"));
        var v2 = LoadValidated(TestSources.Greeter("v2"));
        var first = System.CreateActor(TestSources.GreeterType, sourceHash: v1);
        var second = System.CreateActor(TestSources.GreeterType, sourceHash: v2);

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(first, "helper", Patience), Is.EqualTo("helper v1"));
            Assert.That(System.Ask(second, "helper", Patience), Is.EqualTo("helper v2"));
        });
    }

    [Test]
    public void ATroupeFromASource_ItsWorkersRunTheSourcesType()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));

        var troupe = System.CreateActor(TestSources.WorkerType, sourceHash: hash);

        Assert.That(System.Ask(troupe, "version", Patience), Is.EqualTo("worker v1"));
    }

    [Test]
    public void ASourceOfTwoAssemblies_ResolvesTheirReferencesToEachOtherInsideTheSource()
    {
        var hash = LoadValidated(TestSources.TwoAssemblies());

        var formatting = System.CreateActor(TestSources.FormattingType, sourceHash: hash);

        Assert.That(System.Ask(formatting, "hi", Patience), Is.EqualTo("[HI]"));
    }

    [Test]
    public void AnActorFromASource_SharesThespianCoreWithTheProcess()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(greeter, "actor-is-shared", Patience), Is.EqualTo(true));
            Assert.That(System.Ask(greeter, "context-name", Patience), Does.Contain(hash));
        });
    }

    [Test]
    public void AMessageTypeFromASource_ReachesAnotherActorOfTheSameSource()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);

        Assert.That(System.Ask(greeter, "greet-peer", Patience), Is.EqualTo("peer got hello v1"));
    }

    [Test]
    public void CreateActor_ByNameNotInTheSourceNorOnTheActorPath_ThrowsInvalidActorSpecification()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));

        Assert.That(() => System.CreateActor("Sources.Greeting.NoSuchActor", sourceHash: hash),
                    Throws.InstanceOf<InvalidActorSpecificationException>().With.Message.Contains("NoSuchActor"));
    }

    [Test]
    public void LoadedSources_ListsEachValidatedSourceOnce()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));
        _ = Load(TestSources.Greeter("v1"));

        Assert.That(LoadedSources().Count(h => h == hash), Is.EqualTo(1));
    }

    [Test]
    public void AnActor_CanLoadAndUnloadASource()
    {
        var loader = System.CreateActor<SourceLoadingActor>();

        var hash = (string)System.Ask(loader, TestSources.Greeter("v3"), Patience)!;
        WaitUntil(() => LoadedSources().Contains(hash), "the source loaded by an actor to be listed");
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(greeter, "version", Patience), Is.EqualTo("v3"));
            Assert.That(System.Ask(loader, hash, Patience), Is.EqualTo("unloaded"));
        });
        WaitUntil(() => !LoadedSources().Contains(hash), "the source unloaded by an actor to leave the list");
    }

    [Test]
    public void AMessageTypeFromASource_SentToTheApplication_ArrivesOnlyWhereTheSourceIsLoaded()
    {
        var hash = LoadValidated(TestSources.Greeter("v1"));
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);

        var answer = System.Ask(greeter, "greet-me", IsMultiproc ? Brief : Patience);

        if (IsMultiproc)
        {
            // The application process has not loaded the source: the type is refused before anything is loaded.
            Assert.That(answer, Is.Null);
        }
        else
        {
            // The simple base passes messages by reference: the source's own object arrives.
            Assert.That(answer?.GetType().FullName, Is.EqualTo("Sources.Greeting.Greeting"));
        }

        Assert.That(System.Ask(greeter, "version", Patience), Is.EqualTo("v1"));
    }
}
