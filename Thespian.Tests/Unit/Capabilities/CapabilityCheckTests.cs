using Thespian.Runtime;

namespace Thespian.Tests.Unit.Capabilities;

/// <summary>
/// <see cref="ActorTypeInfo.PassesCapabilityCheck"/>: every <c>[RequireCapability]</c> and the type's
/// <see cref="ICapabilityCheck"/> must pass. The actors are the guide's §5.11.1 examples: needs
/// "Has Lightbulb" and "Lit" truthy, and "Color" equal to "Yellow".
/// </summary>
public sealed class CapabilityCheckTests
{
    private static readonly Dictionary<string, object?> GuideExample = new()
    {
        ["Has Lightbulb"] = 5,
        ["Lit"] = true,
        ["Color"] = "Yellow",
    };

    [RequireCapability("Has Lightbulb")]
    [RequireCapability("Lit")]
    private sealed class AttributesAndExplicitCheck : Actor, ICapabilityCheck
    {
        static bool ICapabilityCheck.ActorSystemCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities,
                                                                object? requirements) =>
            capabilities.TryGetValue("Color", out var color) && Equals(color, "Yellow");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [RequireCapability("Has Lightbulb")]
    [RequireCapability("Lit")]
    private sealed class AttributesAndImplicitCheck : Actor, ICapabilityCheck
    {
        public static bool ActorSystemCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities,
                                                      object? requirements) =>
            capabilities.TryGetValue("Color", out var color) && Equals(color, "Yellow");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [RequireCapability("Has Lightbulb")]
    [RequireCapability("Lit")]
    [RequireCapability("Color", "Yellow")]
    private sealed class AttributesOnly : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private static IEnumerable<Type> GuideActors() =>
        [typeof(AttributesAndExplicitCheck), typeof(AttributesAndImplicitCheck), typeof(AttributesOnly)];

    private static Dictionary<string, object?> GuideExampleWith(string name, object? value)
    {
        var capabilities = new Dictionary<string, object?>(GuideExample) { [name] = value };
        return capabilities;
    }

    private static Dictionary<string, object?> GuideExampleWithout(string name)
    {
        var capabilities = new Dictionary<string, object?>(GuideExample);
        capabilities.Remove(name);
        return capabilities;
    }

    [TestCaseSource(nameof(GuideActors))]
    public void PassesCapabilityCheck_GuideExampleCapabilities_Passes(Type actorType)
    {
        Assert.That(ActorTypeInfo.Get(actorType).PassesCapabilityCheck(GuideExample, null), Is.True);
    }

    [TestCaseSource(nameof(GuideActors))]
    public void PassesCapabilityCheck_FirstRequiredCapabilityMissing_Fails(Type actorType)
    {
        Assert.That(ActorTypeInfo.Get(actorType).PassesCapabilityCheck(GuideExampleWithout("Has Lightbulb"), null), Is.False);
    }

    [TestCaseSource(nameof(GuideActors))]
    public void PassesCapabilityCheck_SecondRequiredCapabilityFalsy_Fails(Type actorType)
    {
        Assert.That(ActorTypeInfo.Get(actorType).PassesCapabilityCheck(GuideExampleWith("Lit", false), null), Is.False);
    }

    [TestCaseSource(nameof(GuideActors))]
    public void PassesCapabilityCheck_HasLightbulbZero_Fails(Type actorType)
    {
        Assert.That(ActorTypeInfo.Get(actorType).PassesCapabilityCheck(GuideExampleWith("Has Lightbulb", 0), null), Is.False);
    }

    [TestCaseSource(nameof(GuideActors))]
    public void PassesCapabilityCheck_ColorNotYellow_Fails(Type actorType)
    {
        Assert.That(ActorTypeInfo.Get(actorType).PassesCapabilityCheck(GuideExampleWith("Color", "Green"), null), Is.False);
    }

    [TestCaseSource(nameof(GuideActors))]
    public void PassesCapabilityCheck_ColorMissing_Fails(Type actorType)
    {
        Assert.That(ActorTypeInfo.Get(actorType).PassesCapabilityCheck(GuideExampleWithout("Color"), null), Is.False);
    }

    [TestCaseSource(nameof(GuideActors))]
    public void HasCapabilityChecks_GuideActors_IsTrue(Type actorType)
    {
        Assert.That(ActorTypeInfo.Get(actorType).HasCapabilityChecks, Is.True);
    }

    private sealed class CheckOnly : Actor, ICapabilityCheck
    {
        public static bool ActorSystemCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities,
                                                      object? requirements) =>
            requirements is "let me in" && capabilities.Count > 0;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Test]
    public void PassesCapabilityCheck_CheckOnly_ReceivesTheRequirementsArgument()
    {
        var info = ActorTypeInfo.Get(typeof(CheckOnly));

        Assert.That(info.PassesCapabilityCheck(GuideExample, "let me in"), Is.True);
        Assert.That(info.PassesCapabilityCheck(GuideExample, "something else"), Is.False);
        Assert.That(info.PassesCapabilityCheck(GuideExample, null), Is.False);
    }

    [Test]
    public void PassesCapabilityCheck_CheckOnly_ReceivesTheCapabilities()
    {
        var info = ActorTypeInfo.Get(typeof(CheckOnly));

        Assert.That(info.PassesCapabilityCheck(new Dictionary<string, object?>(), "let me in"), Is.False);
    }

    [Test]
    public void HasCapabilityChecks_CheckOnly_IsTrueWithNoRequirementAttributes()
    {
        var info = ActorTypeInfo.Get(typeof(CheckOnly));

        Assert.That(info.HasCapabilityChecks, Is.True);
        Assert.That(info.Requirements, Is.Empty);
    }

    private sealed class Unconstrained : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Test]
    public void PassesCapabilityCheck_NoRequirements_PassesAnySystem()
    {
        var info = ActorTypeInfo.Get(typeof(Unconstrained));

        Assert.That(info.HasCapabilityChecks, Is.False);
        Assert.That(info.PassesCapabilityCheck(new Dictionary<string, object?>(), null), Is.True);
    }

    [RequireCapability("Has Lightbulb")]
    private class NeedsLightbulb : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [RequireCapability("Lit")]
    private sealed class NeedsLightbulbAndLit : NeedsLightbulb;

    private sealed class InheritsOnlyLightbulb : NeedsLightbulb;

    [Test]
    public void PassesCapabilityCheck_AttributeOnBaseClass_AppliesToTheDerivedType()
    {
        var info = ActorTypeInfo.Get(typeof(InheritsOnlyLightbulb));

        Assert.That(info.PassesCapabilityCheck(GuideExample, null), Is.True);
        Assert.That(info.PassesCapabilityCheck(GuideExampleWithout("Has Lightbulb"), null), Is.False);
    }

    [Test]
    public void PassesCapabilityCheck_AttributesOnBaseAndDerived_BothMustPass()
    {
        var info = ActorTypeInfo.Get(typeof(NeedsLightbulbAndLit));

        Assert.That(info.Requirements.Select(r => r.CapabilityName), Is.EquivalentTo(Seq.Of("Has Lightbulb", "Lit")));
        Assert.That(info.PassesCapabilityCheck(GuideExample, null), Is.True);
        Assert.That(info.PassesCapabilityCheck(GuideExampleWithout("Has Lightbulb"), null), Is.False);
        Assert.That(info.PassesCapabilityCheck(GuideExampleWithout("Lit"), null), Is.False);
    }

    private class CheckOnBase : Actor, ICapabilityCheck
    {
        public static bool ActorSystemCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities,
                                                      object? requirements) => capabilities.ContainsKey("Color");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private sealed class InheritsCheck : CheckOnBase;

    [Test]
    public void PassesCapabilityCheck_CapabilityCheckOnBaseClass_AppliesToTheDerivedType()
    {
        var info = ActorTypeInfo.Get(typeof(InheritsCheck));

        Assert.That(info.PassesCapabilityCheck(GuideExample, null), Is.True);
        Assert.That(info.PassesCapabilityCheck(GuideExampleWithout("Color"), null), Is.False);
    }
}
