using System.Reflection;

namespace Thespian.Tests.Unit.Addressing;

public sealed class ActorAddressTests
{
    /// <summary>Two instances for the same actor, as happens when an address crosses a process boundary.</summary>
    private static (ActorAddress, ActorAddress) SameActorTwice()
    {
        var id = ActorAddress.NewId();
        return (new ActorAddress(id), new ActorAddress(id));
    }

    [Test]
    public void Equals_SameIdentifierDifferentInstances_IsTrue()
    {
        var (a, b) = SameActorTwice();

        Assert.That(a.Equals(b), Is.True);
        Assert.That(a.Equals((object)b), Is.True);
        Assert.That(b.Equals(a), Is.True);
    }

    [Test]
    public void Equals_DifferentLocalTargets_StillEqualBecauseOnlyTheIdentifierCounts()
    {
        var id = ActorAddress.NewId();

        Assert.That(new ActorAddress(id, "one target"), Is.EqualTo(new ActorAddress(id, "another target")));
    }

    [Test]
    public void Equals_TwoNewAddresses_IsFalse()
    {
        var a = ActorAddress.CreateNew();
        var b = ActorAddress.CreateNew();

        Assert.That(a.Equals(b), Is.False);
        Assert.That(a.Equals((object)b), Is.False);
    }

    [Test]
    public void Equals_NullOrAnotherType_IsFalse()
    {
        var a = ActorAddress.CreateNew();
        var b = ActorAddress.CreateNew();
        var c = ActorAddress.CreateNew();

        Assert.That(a.Equals(a.ToString()), Is.False);
        Assert.That(b.Equals(null), Is.False);
        Assert.That(c.Equals((object?)null), Is.False);
    }

    [Test]
    public void GetHashCode_EqualAddresses_AreEqual()
    {
        var (a, b) = SameActorTwice();

        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    [Test]
    public void GetHashCode_SameInstance_IsStable()
    {
        var a = ActorAddress.CreateNew();
        var first = a.GetHashCode();
        a.LocalTarget = new object();

        Assert.That(a.GetHashCode(), Is.EqualTo(first));
    }

    [Test]
    public void EqualityOperators_EqualAndDifferentAddresses_AgreeWithEquals()
    {
        var (a, b) = SameActorTwice();
        var c = ActorAddress.CreateNew();

        Assert.That(a == b, Is.True);
        Assert.That(a != b, Is.False);
        Assert.That(a == c, Is.False);
        Assert.That(a != c, Is.True);
    }

    [Test]
    public void EqualityOperators_WithNulls_TreatNullAsOnlyEqualToNull()
    {
        var a = ActorAddress.CreateNew();
        ActorAddress? none = null;
        ActorAddress? alsoNone = null;

        Assert.That(none == alsoNone, Is.True);
        Assert.That(none != alsoNone, Is.False);
        Assert.That(a == none, Is.False);
        Assert.That(none == a, Is.False);
        Assert.That(a != none, Is.True);
        Assert.That(none != a, Is.True);
    }

    [Test]
    public void DictionaryKey_LookedUpWithAnotherInstanceOfTheSameAddress_IsFound()
    {
        var (stored, arrived) = SameActorTwice();
        var names = new Dictionary<ActorAddress, string> { [stored] = "worker", [ActorAddress.CreateNew()] = "other" };

        Assert.That(names[arrived], Is.EqualTo("worker"));
    }

    [Test]
    public void HashSet_TwoInstancesOfTheSameAddress_AreOneMember()
    {
        var (a, b) = SameActorTwice();

        var set = new HashSet<ActorAddress> { a, b, ActorAddress.CreateNew() };

        Assert.That(set, Has.Count.EqualTo(2));
        Assert.That(set, Does.Contain(b));
    }

    [Test]
    public void CreateNew_ManyAddresses_AreAllDifferent()
    {
        var addresses = Enumerable.Range(0, 1000).Select(_ => ActorAddress.CreateNew()).ToList();

        Assert.That(addresses.Distinct().Count(), Is.EqualTo(1000));
    }

    [Test]
    public void ToString_SameInstance_IsStable()
    {
        var a = ActorAddress.CreateNew();
        var first = a.ToString();

        Assert.That(a.ToString(), Is.EqualTo(first));
        Assert.That(first, Is.Not.Empty);
    }

    [Test]
    public void ToString_TwoNewAddresses_Differ()
    {
        var a = ActorAddress.CreateNew();
        var b = ActorAddress.CreateNew();

        Assert.That(a.ToString(), Is.Not.EqualTo(b.ToString()));
    }

    [Test]
    public void ToString_TwoInstancesOfTheSameAddress_AreTheSame()
    {
        var (a, b) = SameActorTwice();

        Assert.That(a.ToString(), Is.EqualTo(b.ToString()));
    }

    [Test]
    public void Constructors_ByReflection_NoneArePublicOrProtected()
    {
        var visible = typeof(ActorAddress)
            .GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => c.IsPublic || c.IsFamily || c.IsFamilyOrAssembly);

        Assert.That(visible, Is.Empty, "only the system makes addresses");
    }

    [Test]
    public void Type_ActorAddress_IsSealedAndEquatable()
    {
        Assert.That(typeof(ActorAddress).IsSealed, Is.True);
        Assert.That(typeof(IEquatable<ActorAddress>).IsAssignableFrom(typeof(ActorAddress)), Is.True);
    }
}
