using System.Runtime.CompilerServices;
using Thespian.Tests.Sources.Support;

namespace Thespian.Tests.Sources;

/// <summary>
/// On the simple base, where the source's context lives in this process: an unloaded source's context is
/// really collected once its last actor has stopped (and not before).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SourceCollectionTests() : SourceFixture(SystemBaseNames.Simple)
{
    [SetUp]
    public void RegisterTheAuthority() => RegisterAuthority();

    [Test]
    public void AnUnloadedSource_IsCollectedOnceItsLastActorHasStopped()
    {
        var (context, greeter) = StartGreeterAndTakeItsContext("v1");

        System.UnloadActorSource(LoadValidated(TestSources.Greeter("v1")));
        Assert.That(IsCollected(context), Is.False, "the context is kept while an actor of the source runs");

        System.Tell(greeter, new ActorExitRequest());

        Assert.That(IsCollected(context), Is.True, "the source's load context was not collected");
    }

    [Test]
    public void AnUnloadedSource_WithoutActors_IsCollectedAtOnce()
    {
        var hash = LoadValidated(TestSources.Greeter("v2"));
        var (context, greeter) = StartGreeterAndTakeItsContext("v2");
        System.Tell(greeter, new ActorExitRequest());

        System.UnloadActorSource(hash);

        Assert.That(IsCollected(context), Is.True);
    }

    [Test]
    public void ASourceThatIsStillLoaded_IsNotCollectedWhenItsActorsStop()
    {
        var (context, greeter) = StartGreeterAndTakeItsContext("v3");

        System.Tell(greeter, new ActorExitRequest());

        Assert.That(IsCollected(context), Is.False);
    }

    [Test]
    public void ShuttingTheSystemDown_UnloadsItsSources()
    {
        var (context, _) = StartGreeterAndTakeItsContext("v4");

        System.Shutdown();

        Assert.That(IsCollected(context), Is.True);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (WeakReference Context, ActorAddress Greeter) StartGreeterAndTakeItsContext(string version)
    {
        var hash = LoadValidated(TestSources.Greeter(version));
        var greeter = System.CreateActor(TestSources.GreeterType, sourceHash: hash);
        var context = (WeakReference)System.Ask(greeter, "context", Patience)!;
        Assert.That(context.IsAlive, Is.True);
        return (context, greeter);
    }

    private static bool IsCollected(WeakReference context)
    {
        for (var attempt = 0; attempt < 20 && context.IsAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Thread.Sleep(10);
        }

        return !context.IsAlive;
    }
}
