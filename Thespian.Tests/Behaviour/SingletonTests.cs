namespace Thespian.Tests.Behaviour;

/// <summary>
/// The process-wide system (guide §2.1, §6.2) and transient systems, on the simple base. Each test shuts down
/// what it started so that the process-wide slot is free for the next one.
/// </summary>
[NonParallelizable]
public sealed class SingletonTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static ActorSystem Singleton(IDictionary<string, object?>? capabilities = null) =>
        new(capabilities: capabilities, logDefs: LogDefs.Disabled);

    private static ActorSystem Transient() => new(SystemBaseNames.Simple, logDefs: LogDefs.Disabled, transientUnique: true);

    [Test]
    public void Constructor_SecondWithoutTransientUnique_JoinsTheFirst()
    {
        var first = Singleton();
        try
        {
            using var second = Singleton();

            Assert.That(second.SystemAddress, Is.EqualTo(first.SystemAddress));
        }
        finally
        {
            first.Shutdown();
        }
    }

    [Test]
    public void Constructor_SecondNamingTheSameBase_JoinsTheFirst()
    {
        var first = Singleton();
        try
        {
            using var second = new ActorSystem(SystemBaseNames.Simple, logDefs: LogDefs.Disabled);

            Assert.That(second.SystemAddress, Is.EqualTo(first.SystemAddress));
        }
        finally
        {
            first.Shutdown();
        }
    }

    [Test]
    public void Constructor_Joined_ReachesActorsCreatedThroughTheFirst()
    {
        var first = Singleton();
        try
        {
            var echo = first.CreateActor<EchoActor>();
            using var second = Singleton();

            Assert.That(second.Ask(echo, "joined", Patience), Is.EqualTo("joined"));
        }
        finally
        {
            first.Shutdown();
        }
    }

    [Test]
    public void Constructor_Joining_IgnoresItsCapabilities()
    {
        var first = Singleton(new Dictionary<string, object?> { ["Colour"] = "Blue" });
        try
        {
            using var second = Singleton(new Dictionary<string, object?> { ["Colour"] = "Red" });

            Assert.That(second.Capabilities["Colour"], Is.EqualTo("Blue"));
        }
        finally
        {
            first.Shutdown();
        }
    }

    [Test]
    public void Constructor_AfterTheSingletonShutDown_StartsAFreshSystem()
    {
        var first = Singleton();
        var firstAddress = first.SystemAddress;
        first.Shutdown();

        var second = Singleton();
        try
        {
            Assert.That(second.SystemAddress, Is.Not.EqualTo(firstAddress));
        }
        finally
        {
            second.Shutdown();
        }
    }

    [Test]
    public void Constructor_TransientUnique_AreDistinctSystems()
    {
        var first = Transient();
        var second = Transient();
        try
        {
            Assert.That(second.SystemAddress, Is.Not.EqualTo(first.SystemAddress));
        }
        finally
        {
            first.Shutdown();
            second.Shutdown();
        }
    }

    [Test]
    public void Constructor_TransientUnique_IsNotTheSingleton()
    {
        var singleton = Singleton();
        var transient = Transient();
        try
        {
            Assert.That(transient.SystemAddress, Is.Not.EqualTo(singleton.SystemAddress));
        }
        finally
        {
            transient.Shutdown();
            singleton.Shutdown();
        }
    }

    [Test]
    public void Constructor_TransientRunning_DoesNotBecomeTheSingleton()
    {
        var transient = Transient();
        try
        {
            var singleton = Singleton();
            try
            {
                Assert.That(singleton.SystemAddress, Is.Not.EqualTo(transient.SystemAddress));
            }
            finally
            {
                singleton.Shutdown();
            }
        }
        finally
        {
            transient.Shutdown();
        }
    }

    [Test]
    public void Shutdown_OfATransientSystem_LeavesTheSingletonRunning()
    {
        var singleton = Singleton();
        try
        {
            var echo = singleton.CreateActor<EchoActor>();
            Transient().Shutdown();

            using var joined = Singleton();
            Assert.Multiple(() =>
            {
                Assert.That(joined.SystemAddress, Is.EqualTo(singleton.SystemAddress));
                Assert.That(joined.Ask(echo, "still here", Patience), Is.EqualTo("still here"));
            });
        }
        finally
        {
            singleton.Shutdown();
        }
    }

    [Test]
    public void Dispose_TheStartingObject_ShutsTheSimpleSystemDown()
    {
        var starter = Transient();
        var echo = starter.CreateActor<EchoActor>();
        using var endpoint = starter.Private();

        starter.Dispose();

        Assert.That(() => endpoint.Tell(echo, "anyone?"), Throws.InstanceOf<ActorSystemFailureException>());
    }

    [Test]
    public void Dispose_TheStartingSingleton_JoinedObjectsSeeItShutDown()
    {
        var starter = Singleton();
        var echo = starter.CreateActor<EchoActor>();
        using var joined = Singleton();

        starter.Dispose();

        Assert.That(() => joined.Tell(echo, "anyone?"), Throws.InstanceOf<ActorSystemFailureException>());
    }

    [Test]
    public void Dispose_TheStartingSingleton_NextConstructorStartsAFreshSystem()
    {
        var starter = Singleton();
        var firstAddress = starter.SystemAddress;
        starter.Dispose();

        var next = Singleton();
        try
        {
            Assert.That(next.SystemAddress, Is.Not.EqualTo(firstAddress));
        }
        finally
        {
            next.Shutdown();
        }
    }

    [Test]
    public void Dispose_AJoinedObject_LeavesTheSystemRunning()
    {
        var starter = Singleton();
        try
        {
            var echo = starter.CreateActor<EchoActor>();
            Singleton().Dispose();

            Assert.That(starter.Ask(echo, "still running", Patience), Is.EqualTo("still running"));
        }
        finally
        {
            starter.Shutdown();
        }
    }

    [Test]
    public void Shutdown_ThroughAJoinedObject_StopsTheSharedSystem()
    {
        var starter = Singleton();
        try
        {
            var echo = starter.CreateActor<EchoActor>();
            var joined = Singleton();

            joined.Shutdown();

            Assert.That(() => starter.Tell(echo, "anyone?"), Throws.InstanceOf<ActorSystemFailureException>());
        }
        finally
        {
            starter.Shutdown();
        }
    }

    [Test]
    public void Dispose_Twice_DoesNotThrow()
    {
        var system = Transient();
        system.Dispose();

        Assert.That(system.Dispose, Throws.Nothing);
    }
}
