using Thespian.Runtime;

namespace Thespian.Tests.Unit.Capabilities;

public sealed class CapabilitySetTests
{
    private const string BaseName = "testBase";

    private static CapabilitySet NewSet(IDictionary<string, object?>? initial = null,
                                        IEnumerable<KeyValuePair<string, object?>>? baseDefaults = null) =>
        new(BaseName, baseVersion: 3, initial, baseDefaults);

    [Test]
    public void Constructor_NoInitialValues_SuppliesTheCommonCapabilities()
    {
        var snapshot = NewSet().Snapshot;

        Assert.That(snapshot[CommonCapabilities.ActorSystemName], Is.EqualTo(BaseName));
        Assert.That(snapshot[CommonCapabilities.ActorSystemVersion], Is.EqualTo(3));
        Assert.That(snapshot[CommonCapabilities.ThespianGeneration], Is.EqualTo(Seq.Of(1, 0)));
        Assert.That(snapshot[CommonCapabilities.ThespianVersion], Is.EqualTo(CapabilitySet.ThespianVersion));
        Assert.That(snapshot[CommonCapabilities.DotNetVersion], Is.EqualTo(Environment.Version.ToString()));
    }

    [Test]
    public void CommonCapabilities_Names_AreTheOnesApiMdLists()
    {
        Assert.That(CommonCapabilities.ThespianGeneration, Is.EqualTo("Thespian Generation"));
        Assert.That(CommonCapabilities.ThespianVersion, Is.EqualTo("Thespian Version"));
        Assert.That(CommonCapabilities.ActorSystemName, Is.EqualTo("Thespian ActorSystem Name"));
        Assert.That(CommonCapabilities.ActorSystemVersion, Is.EqualTo("Thespian ActorSystem Version"));
        Assert.That(CommonCapabilities.DotNetVersion, Is.EqualTo(".NET Version"));
        Assert.That(CommonCapabilities.AllowRemoteActorSources, Is.EqualTo("AllowRemoteActorSources"));
    }

    [Test]
    public void Constructor_NoInitialValues_AllowRemoteActorSourcesIsYes()
    {
        Assert.That(NewSet().Snapshot[CommonCapabilities.AllowRemoteActorSources], Is.EqualTo("Yes"));
    }

    [Test]
    public void Constructor_InitialValues_AreApplied()
    {
        var snapshot = NewSet(new Dictionary<string, object?> { ["Color"] = "Yellow", ["Cores"] = 4 }).Snapshot;

        Assert.That(snapshot["Color"], Is.EqualTo("Yellow"));
        Assert.That(snapshot["Cores"], Is.EqualTo(4));
    }

    [Test]
    public void Constructor_InitialValueForASettableDefault_OverridesIt()
    {
        var snapshot = NewSet(new Dictionary<string, object?> { [CommonCapabilities.AllowRemoteActorSources] = "No" }).Snapshot;

        Assert.That(snapshot[CommonCapabilities.AllowRemoteActorSources], Is.EqualTo("No"));
    }

    [Test]
    public void Constructor_InitialNullValue_RemovesTheCapability()
    {
        var snapshot = NewSet(new Dictionary<string, object?> { [CommonCapabilities.AllowRemoteActorSources] = null }).Snapshot;

        Assert.That(snapshot.ContainsKey(CommonCapabilities.AllowRemoteActorSources), Is.False);
    }

    [Test]
    public void Constructor_BaseDefaults_AreAppliedAndInitialValuesOverrideThem()
    {
        var set = NewSet(new Dictionary<string, object?> { ["Admin Port"] = 2000 },
                         [new("Admin Port", 1900), new(CommonCapabilities.WatchSupported, true)]);

        Assert.That(set.Snapshot["Admin Port"], Is.EqualTo(2000));
        Assert.That(set.Snapshot[CommonCapabilities.WatchSupported], Is.EqualTo(true));
    }

    private static IEnumerable<string> ReadOnlyNames() =>
    [
        CommonCapabilities.ThespianGeneration, CommonCapabilities.ThespianVersion, CommonCapabilities.ActorSystemName,
        CommonCapabilities.ActorSystemVersion, CommonCapabilities.DotNetVersion,
    ];

    [TestCaseSource(nameof(ReadOnlyNames))]
    public void Constructor_InitialValueForAReadOnlyCapability_ThrowsArgumentExceptionNamingIt(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => NewSet(new Dictionary<string, object?> { [name] = "mine" }));

        Assert.That(ex!.Message, Does.Contain($"'{name}'").And.Contain("read-only"));
    }

    [TestCaseSource(nameof(ReadOnlyNames))]
    public void Update_ReadOnlyCapability_ThrowsArgumentExceptionNamingItAndLeavesTheValue(string name)
    {
        var set = NewSet();
        var before = set.Snapshot[name];

        var ex = Assert.Throws<ArgumentException>(() => set.Update(name, "mine"));

        Assert.That(ex!.Message, Does.Contain($"'{name}'").And.Contain("read-only"));
        Assert.That(set.Snapshot[name], Is.EqualTo(before));
    }

    [TestCaseSource(nameof(ReadOnlyNames))]
    public void Update_RemovingAReadOnlyCapability_ThrowsArgumentException(string name)
    {
        var set = NewSet();

        Assert.Throws<ArgumentException>(() => set.Update(name, null));
        Assert.That(set.Snapshot.ContainsKey(name), Is.True);
    }

    [Test]
    public void Update_NewCapability_ReturnsTrueAndAddsIt()
    {
        var set = NewSet();

        Assert.That(set.Update("Color", "Yellow"), Is.True);
        Assert.That(set.Snapshot["Color"], Is.EqualTo("Yellow"));
    }

    [Test]
    public void Update_SameValueAgain_ReturnsFalse()
    {
        var set = NewSet();
        set.Update("Color", "Yellow");

        Assert.That(set.Update("Color", "Yellow"), Is.False);
    }

    [Test]
    public void Update_DifferentValue_ReturnsTrueAndChangesIt()
    {
        var set = NewSet();
        set.Update("Color", "Yellow");

        Assert.That(set.Update("Color", "Green"), Is.True);
        Assert.That(set.Snapshot["Color"], Is.EqualTo("Green"));
    }

    [Test]
    public void Update_NullForAPresentCapability_ReturnsTrueAndRemovesIt()
    {
        var set = NewSet();
        set.Update("Color", "Yellow");

        Assert.That(set.Update("Color", null), Is.True);
        Assert.That(set.Snapshot.ContainsKey("Color"), Is.False);
    }

    [Test]
    public void Update_NullForAnAbsentCapability_ReturnsFalse()
    {
        Assert.That(NewSet().Update("Color", null), Is.False);
    }

    [Test]
    public void Update_NullName_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => NewSet().Update(null!, 1));
    }

    [Test]
    public void Snapshot_WriteAttempt_ThrowsNotSupportedException()
    {
        var snapshot = (IDictionary<string, object?>)NewSet().Snapshot;

        Assert.Throws<NotSupportedException>(() => snapshot["Color"] = "Yellow");
        Assert.Throws<NotSupportedException>(() => snapshot.Remove(CommonCapabilities.AllowRemoteActorSources));
    }

    [Test]
    public void Snapshot_TakenBeforeAnUpdate_DoesNotChange()
    {
        var set = NewSet();
        set.Update("Color", "Yellow");
        var before = set.Snapshot;

        set.Update("Color", "Green");
        set.Update("Cores", 8);

        Assert.That(before["Color"], Is.EqualTo("Yellow"));
        Assert.That(before.ContainsKey("Cores"), Is.False);
    }

    [Test]
    public void Snapshot_TakenAfterAnUpdate_ReflectsIt()
    {
        var set = NewSet();
        _ = set.Snapshot;

        set.Update("Color", "Green");
        set.Update(CommonCapabilities.AllowRemoteActorSources, null);

        Assert.That(set.Snapshot["Color"], Is.EqualTo("Green"));
        Assert.That(set.Snapshot.ContainsKey(CommonCapabilities.AllowRemoteActorSources), Is.False);
    }
}
