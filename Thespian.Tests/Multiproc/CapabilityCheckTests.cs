namespace Thespian.Tests.Multiproc;

/// <summary>
/// Capability checks run in the new actor's own process on multiproc bases (the simple base does not
/// run them, guide §8.2): a refused create throws <see cref="NoCompatibleSystemForActorException"/>, and
/// a capability change re-validates running actors and asks those that no longer pass to exit (§5.12).
/// </summary>
[TestFixture]
public sealed class CapabilityCheckTests() : BaseFixture(SystemBaseNames.MultiprocTcp)
{
    /// <summary>Runs only where "Has Lightbulb" is true; tells its observer when it is asked to exit.</summary>
    [RequireCapability("Has Lightbulb")]
    public sealed class NeedsLightbulb : ExitObserved;

    /// <summary>Runs only where "Lanes" is at least the number of lanes the creator requires.</summary>
    public sealed class NeedsLanes : Actor, ICapabilityCheck
    {
        public static bool ActorSystemCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities, object? requirements) =>
            capabilities.TryGetValue("Lanes", out var lanes) && lanes is int available && requirements is int needed && available >= needed;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is "ping")
            {
                Send(sender, "pong");
            }
        }
    }

    [Test]
    public void CreateActor_RequiredCapabilityMissing_ThrowsNoCompatibleSystemForActorException()
    {
        Assert.That(() => System.CreateActor<NeedsLightbulb>(),
                    Throws.TypeOf<NoCompatibleSystemForActorException>().With.Message.Contains(typeof(NeedsLightbulb).FullName));
    }

    [Test]
    public void CreateActor_RequiredCapabilityPresent_RunsTheActor()
    {
        System.UpdateCapability("Has Lightbulb", true);

        var actor = System.CreateActor<NeedsLightbulb>();

        Assert.That(System.Ask(actor, "observe", Patience), Is.EqualTo("observing"));
    }

    [Test]
    public void CreateActor_RequirementsPassedToTheCheck_DecideWhetherTheActorRuns()
    {
        System.UpdateCapability("Lanes", 3);

        var fits = System.CreateActor<NeedsLanes>(targetActorRequirements: 2);

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(fits, "ping", Patience), Is.EqualTo("pong"));
            Assert.That(() => System.CreateActor<NeedsLanes>(targetActorRequirements: 4),
                        Throws.TypeOf<NoCompatibleSystemForActorException>());
        });
    }

    [Test]
    public void UpdateCapability_RemovesWhatARunningActorRequires_TheActorIsAskedToExit()
    {
        System.UpdateCapability("Has Lightbulb", true);
        var actor = System.CreateActor<NeedsLightbulb>();
        Assert.That(System.Ask(actor, "observe", Patience), Is.EqualTo("observing"));

        System.UpdateCapability("Has Lightbulb", null);

        Assert.That(System.Listen(Patience), Is.EqualTo("asked to exit"));
        WaitForActorCount(0);
    }

    [Test]
    public void UpdateCapability_UnrelatedChange_RunningActorsStay()
    {
        System.UpdateCapability("Has Lightbulb", true);
        var actor = System.CreateActor<NeedsLightbulb>();
        Assert.That(System.Ask(actor, "observe", Patience), Is.EqualTo("observing"));

        System.UpdateCapability("Colour", "Yellow");

        Assert.That(System.Listen(Brief), Is.Null, "the actor still passes its check and is not asked to exit");
        Assert.That(System.Ask(actor, "observe", Patience), Is.EqualTo("observing"));
    }
}
