namespace Thespian.Tests.Behaviour;

/// <summary>The capabilities every system supplies, initial capabilities, and updates from outside and from actors.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class CapabilityTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Asks a <see cref="Prober"/> to update a capability; it answers "set".</summary>
    public sealed record SetCapability(string Name, object? Value);

    private sealed class Prober : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is SetCapability set)
            {
                UpdateCapability(set.Name, set.Value);
                Send(sender, "set");
            }
        }
    }

    private static readonly string[] ReadOnlyNames =
    [
        CommonCapabilities.ThespianGeneration,
        CommonCapabilities.ThespianVersion,
        CommonCapabilities.ActorSystemName,
        CommonCapabilities.ActorSystemVersion,
        CommonCapabilities.DotNetVersion,
    ];

    [TestCase(CommonCapabilities.ThespianGeneration)]
    [TestCase(CommonCapabilities.ThespianVersion)]
    [TestCase(CommonCapabilities.ActorSystemName)]
    [TestCase(CommonCapabilities.ActorSystemVersion)]
    [TestCase(CommonCapabilities.DotNetVersion)]
    [TestCase(CommonCapabilities.AllowRemoteActorSources)]
    public void Capabilities_EverySystem_SuppliesTheCommonCapability(string name)
    {
        Assert.That(System.Capabilities, Does.ContainKey(name));
    }

    [Test]
    public void Capabilities_ActorSystemName_IsTheBaseName()
    {
        Assert.That(System.Capabilities[CommonCapabilities.ActorSystemName], Is.EqualTo(SystemBase));
    }

    [Test]
    public void Capabilities_AllowRemoteActorSources_DefaultsToYes()
    {
        Assert.That(System.Capabilities[CommonCapabilities.AllowRemoteActorSources], Is.EqualTo("Yes"));
    }

    [Test]
    public void Capabilities_DotNetVersion_IsTheRunningRuntimeVersion()
    {
        Assert.That(System.Capabilities[CommonCapabilities.DotNetVersion]?.ToString(),
                    Does.StartWith($"{Environment.Version.Major}."));
    }

    [Test]
    public void Capabilities_InitialCapabilities_AppearWithTheirValues()
    {
        var system = StartSystem(new Dictionary<string, object?> { ["Colour"] = "Blue", ["Lanes"] = 3 });
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(system.Capabilities["Colour"], Is.EqualTo("Blue"));
                Assert.That(system.Capabilities["Lanes"], Is.EqualTo(3).And.TypeOf<int>());
            });
        }
        finally
        {
            system.Shutdown();
        }
    }

    [Test]
    public void Capabilities_InitialCapabilities_DoNotReplaceTheCommonOnes()
    {
        var system = StartSystem(new Dictionary<string, object?> { ["Colour"] = "Blue" });
        try
        {
            Assert.That(system.Capabilities[CommonCapabilities.ActorSystemName], Is.EqualTo(SystemBase));
        }
        finally
        {
            system.Shutdown();
        }
    }

    [Test]
    public void Constructor_InitialReadOnlyCapability_ThrowsArgumentException()
    {
        Assert.That(() => StartSystem(new Dictionary<string, object?> { [CommonCapabilities.ThespianVersion] = 99 }).Shutdown(),
                    Throws.ArgumentException);
    }

    [TestCase("fork")]
    [TestCase("Pool")]
    [TestCase(1)]
    public void Constructor_UnknownProcessStartupMethod_ThrowsArgumentExceptionListingTheValidValues(object method)
    {
        if (!IsMultiproc)
        {
            Assert.Ignore("Only the multiproc bases start actor processes; the simple base ignores the capability, as Python's does.");
        }

        var capabilities = new Dictionary<string, object?> { [CommonCapabilities.ProcessStartupMethod] = method };

        Assert.That(() => StartSystem(capabilities).Shutdown(),
                    Throws.ArgumentException.With.Message.Contains(CommonCapabilities.ProcessStartupMethod)
                          .And.Message.Contains("\"pool\"").And.Message.Contains("\"spawn\""));
    }

    [TestCase("pool")]
    [TestCase("spawn")]
    public void Constructor_ValidProcessStartupMethod_StartsAndReportsIt(string method)
    {
        var system = StartSystem(new Dictionary<string, object?> { [CommonCapabilities.ProcessStartupMethod] = method });

        Assert.That(system.Ask(system.CreateActor<EchoActor>(), "hello", Patience), Is.EqualTo("hello"));
        if (IsMultiproc)
        {
            Assert.That(system.Capabilities[CommonCapabilities.ProcessStartupMethod], Is.EqualTo(method));
        }
    }

    [Test]
    public void UpdateCapability_NewName_Appears()
    {
        System.UpdateCapability("Colour", "Blue");

        Assert.That(System.Capabilities["Colour"], Is.EqualTo("Blue"));
    }

    [Test]
    public void UpdateCapability_ExistingName_ChangesTheValue()
    {
        System.UpdateCapability("Colour", "Blue");

        System.UpdateCapability("Colour", "Red");

        Assert.That(System.Capabilities["Colour"], Is.EqualTo("Red"));
    }

    [Test]
    public void UpdateCapability_NullValue_RemovesTheCapability()
    {
        System.UpdateCapability("Colour", "Blue");

        System.UpdateCapability("Colour", null);

        Assert.That(System.Capabilities, Does.Not.ContainKey("Colour"));
    }

    [Test]
    public void UpdateCapability_NoValueGiven_RemovesTheCapability()
    {
        System.UpdateCapability("Colour", "Blue");

        System.UpdateCapability("Colour");

        Assert.That(System.Capabilities, Does.Not.ContainKey("Colour"));
    }

    [Test]
    public void UpdateCapability_RemovingAnUnknownName_DoesNothing()
    {
        var before = System.Capabilities.Count;

        System.UpdateCapability("Never set");

        Assert.That(System.Capabilities, Has.Count.EqualTo(before));
    }

    [Test]
    public void UpdateCapability_AllowRemoteActorSources_CanBeChanged()
    {
        System.UpdateCapability(CommonCapabilities.AllowRemoteActorSources, "No");

        Assert.That(System.Capabilities[CommonCapabilities.AllowRemoteActorSources], Is.EqualTo("No"));
    }

    [TestCaseSource(nameof(ReadOnlyNames))]
    public void UpdateCapability_ReadOnlyName_ThrowsArgumentException(string name)
    {
        Assert.That(() => System.UpdateCapability(name, "changed"), Throws.ArgumentException);
    }

    [Test]
    public void UpdateCapability_RemovingAReadOnlyName_ThrowsArgumentException()
    {
        Assert.That(() => System.UpdateCapability(CommonCapabilities.ThespianVersion, null), Throws.ArgumentException);
    }

    [Test]
    public void UpdateCapability_ReadOnlyName_ValueIsUnchanged()
    {
        Assert.That(() => System.UpdateCapability(CommonCapabilities.ActorSystemName, "changed"), Throws.ArgumentException);

        Assert.That(System.Capabilities[CommonCapabilities.ActorSystemName], Is.EqualTo(SystemBase));
    }

    [Test]
    public void UpdateCapability_ReadOnlyNameFromAnActor_PoisonDetailsMentionIt()
    {
        var prober = System.CreateActor<Prober>();

        var poison = AskFor<PoisonMessage>(prober, new SetCapability(CommonCapabilities.ThespianVersion, 99));

        Assert.That(poison.Details, Does.Contain(nameof(ArgumentException)).And.Contain(CommonCapabilities.ThespianVersion));
    }

    [Test]
    public void UpdateCapability_FromAnActor_IsVisibleInSystemCapabilities()
    {
        var prober = System.CreateActor<Prober>();

        Assert.That(System.Ask(prober, new SetCapability("Probe Result", "ok"), Patience), Is.EqualTo("set"));

        Eventually(() => Equals(System.Capabilities.GetValueOrDefault("Probe Result"), "ok"),
                   "the capability set by the actor appears in ActorSystem.Capabilities");
    }

    [Test]
    public void UpdateCapability_FromAnActor_IsVisibleInTheSystemStatus()
    {
        var prober = System.CreateActor<Prober>();
        Assert.That(System.Ask(prober, new SetCapability("Probe Result", "ok"), Patience), Is.EqualTo("set"));

        var status = AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest());

        Assert.That(status.Capabilities, Does.ContainKey("Probe Result").WithValue("ok"));
    }

    [Test]
    public void UpdateCapability_FromAnActorWithNull_RemovesTheCapability()
    {
        System.UpdateCapability("Probe Result", "old");
        var prober = System.CreateActor<Prober>();

        Assert.That(System.Ask(prober, new SetCapability("Probe Result", null), Patience), Is.EqualTo("set"));

        Eventually(() => !System.Capabilities.ContainsKey("Probe Result"),
                   "the capability removed by the actor disappears from ActorSystem.Capabilities");
    }

    [Test]
    public void Capabilities_ObtainedBeforeAnUpdate_IsASnapshotThatDoesNotChange()
    {
        var before = System.Capabilities;

        System.UpdateCapability("Added later", "yes");

        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Not.ContainKey("Added later"));
            Assert.That(System.Capabilities, Does.ContainKey("Added later"));
        });
    }

    [Test]
    public void Capabilities_Snapshot_CannotBeModifiedThroughACast()
    {
        var capabilities = System.Capabilities;

        Assert.That(capabilities is IDictionary<string, object?> { IsReadOnly: false }, Is.False);
    }

    [Test]
    public void SystemStatus_Capabilities_IncludeTheCommonOnes()
    {
        var status = AskFor<ThespianSystemStatus>(System.SystemAddress, new ThespianStatusRequest());

        Assert.That(status.Capabilities, Does.ContainKey(CommonCapabilities.ActorSystemName).WithValue(SystemBase));
    }
}
