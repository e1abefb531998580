namespace Thespian.Tests.Unit.Capabilities;

public sealed class RequireCapabilityAttributeTests
{
    private static Dictionary<string, object?> Caps(params (string Name, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Value);

    [Test]
    public void IsSatisfiedBy_NameOnlyAndCapabilityMissing_IsFalse()
    {
        var requirement = new RequireCapabilityAttribute("Lit");

        Assert.That(requirement.IsSatisfiedBy(Caps(("Has Lightbulb", 5))), Is.False);
    }

    [TestCase(false)]
    [TestCase(0)]
    [TestCase(0.0)]
    [TestCase("")]
    [TestCase(null)]
    public void IsSatisfiedBy_NameOnlyAndValueFalsy_IsFalse(object? falsy)
    {
        var requirement = new RequireCapabilityAttribute("Lit");

        Assert.That(requirement.IsSatisfiedBy(Caps(("Lit", falsy))), Is.False);
    }

    [Test]
    public void IsSatisfiedBy_NameOnlyAndEmptyList_IsFalse()
    {
        var requirement = new RequireCapabilityAttribute("Lit");

        Assert.That(requirement.IsSatisfiedBy(Caps(("Lit", new List<int>()))), Is.False);
    }

    [TestCase(true)]
    [TestCase(5)]
    [TestCase("no")]
    [TestCase(-1.5)]
    public void IsSatisfiedBy_NameOnlyAndValueTruthy_IsTrue(object truthy)
    {
        var requirement = new RequireCapabilityAttribute("Lit");

        Assert.That(requirement.IsSatisfiedBy(Caps(("Lit", truthy))), Is.True);
    }

    [Test]
    public void IsSatisfiedBy_ValueRequiredAndEqual_IsTrue()
    {
        var requirement = new RequireCapabilityAttribute("Color", "Yellow");

        Assert.That(requirement.IsSatisfiedBy(Caps(("Color", "Yellow"))), Is.True);
    }

    [Test]
    public void IsSatisfiedBy_ValueRequiredAndUnequal_IsFalse()
    {
        var requirement = new RequireCapabilityAttribute("Color", "Yellow");

        Assert.That(requirement.IsSatisfiedBy(Caps(("Color", "Green"))), Is.False);
    }

    [Test]
    public void IsSatisfiedBy_ValueRequiredAndMissing_IsFalse()
    {
        var requirement = new RequireCapabilityAttribute("Color", "Yellow");

        Assert.That(requirement.IsSatisfiedBy(Caps(("Lit", true))), Is.False);
    }

    [Test]
    public void IsSatisfiedBy_NumericValueInAnotherNumericType_IsTrue()
    {
        var requirement = new RequireCapabilityAttribute("Cores", 4);

        Assert.That(requirement.IsSatisfiedBy(Caps(("Cores", 4L))), Is.True);
        Assert.That(requirement.IsSatisfiedBy(Caps(("Cores", 4.0))), Is.True);
    }

    [Test]
    public void IsSatisfiedBy_ValueRequiredIsFalsyAndCapabilityEqualsIt_IsTrue()
    {
        // A required value is compared, not tested for truth: requiring 0 accepts 0.
        var requirement = new RequireCapabilityAttribute("Retries", 0);

        Assert.That(requirement.IsSatisfiedBy(Caps(("Retries", 0))), Is.True);
    }

    [Test]
    public void IsSatisfiedBy_NullCapabilities_ThrowsArgumentNullException()
    {
        var requirement = new RequireCapabilityAttribute("Lit");

        Assert.Throws<ArgumentNullException>(() => requirement.IsSatisfiedBy(null!));
    }

    [Test]
    public void Constructor_NameOnly_HasNoValue()
    {
        var requirement = new RequireCapabilityAttribute("Lit");

        Assert.That(requirement.CapabilityName, Is.EqualTo("Lit"));
        Assert.That(requirement.HasValue, Is.False);
    }

    [Test]
    public void Constructor_NameAndValue_KeepsBoth()
    {
        var requirement = new RequireCapabilityAttribute("Color", "Yellow");

        Assert.That(requirement.CapabilityName, Is.EqualTo("Color"));
        Assert.That(requirement.HasValue, Is.True);
        Assert.That(requirement.Value, Is.EqualTo("Yellow"));
    }

    [Test]
    public void Constructor_NullName_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => _ = new RequireCapabilityAttribute(null!));
        Assert.Throws<ArgumentNullException>(() => _ = new RequireCapabilityAttribute(null!, 1));
    }
}
