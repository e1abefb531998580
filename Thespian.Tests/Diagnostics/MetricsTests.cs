namespace Thespian.Tests.Diagnostics;

/// <summary>
/// Thespian's meter on every base, read with a <see cref="System.Diagnostics.Metrics.MeterListener"/> in the process that
/// measured: the application's (this test process) and, on the multiproc bases, the actor's own process (the actor
/// reports what a listener there saw). Not parallel: the simple base's actors measure in this process.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
[NonParallelizable]
public sealed class MetricsTests(string systemBase) : BaseFixture(systemBase)
{
    private static readonly string Metered = typeof(MeteredActor).FullName!;

    [OneTimeSetUp]
    public void ListenInThisProcess() => ProcessMeters.Start();

    [Test]
    public void ActorMeasures_ReceivedSentPoisonedAndAlive_InTheProcessItRunsIn()
    {
        var actor = System.CreateActor<MeteredActor>();
        var before = AskFor<Dictionary<string, long>>(actor, new MeterCounts());

        for (var i = 0; i < 3; i++)
        {
            Assert.That(System.Ask(actor, "ping", Patience), Is.EqualTo("pong"));
        }

        Assert.That(System.Ask(actor, "fail", Patience), Is.InstanceOf<PoisonMessage>());
        var after = AskFor<Dictionary<string, long>>(actor, new MeterCounts());

        Assert.Multiple(() =>
        {
            // 3 pings, "fail" and the second MeterCounts (the first was counted before its snapshot).
            Assert.That(Delta(before, after, "thespian.messages.received"), Is.EqualTo(5), "received");
            // The first snapshot's reply (sent after it was taken) and 3 pongs; the PoisonMessage is the system's.
            Assert.That(Delta(before, after, "thespian.messages.sent"), Is.EqualTo(4), "sent");
            Assert.That(Delta(before, after, "thespian.poison_messages"), Is.EqualTo(1), "poisoned");
            Assert.That(after.GetValueOrDefault(ProcessMeters.Key("thespian.actors.alive", Metered)), Is.EqualTo(1), "alive");
            Assert.That(after.Keys.Where(k => k.StartsWith("thespian.queue.depth|", StringComparison.Ordinal)), Is.Not.Empty,
                        "queue depth is observed where the actor runs");
        });
    }

    [Test]
    public void Application_CreateActorAndTell_MeasuredInTheApplicationWithTheBaseTag()
    {
        var before = ProcessMeters.Snapshot();

        var actor = System.CreateActor<MeteredActor>();
        System.Tell(actor, "ping");
        System.Tell(actor, "ping");
        _ = ListenFor<string>();
        _ = ListenFor<string>();

        var after = ProcessMeters.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(Delta(before, after, "thespian.actor.create.duration", Metered), Is.EqualTo(1), "one create recorded");
            Assert.That(ProcessMeters.CreateDurations()[ProcessMeters.Key("thespian.actor.create.duration", Metered)], Is.GreaterThan(0));
            Assert.That(Delta(before, after, "thespian.messages.sent", SystemBase), Is.EqualTo(2), "the application's tells");
            Assert.That(after.Keys, Has.Some.StartsWith($"thespian.queue.depth|{SystemBase}/"), "this process's queues are observed");
        });
    }

    [Test]
    public void DeadLetter_MessageToAChildThatNeverRan_CountedWhereItWasFoundUndeliverable()
    {
        var actor = System.CreateActor<MeteredActor>();
        var before = AskFor<Dictionary<string, long>>(actor, new MeterCounts());

        Assert.That(System.Ask(actor, new SendToFailingChild(), Patience), Is.EqualTo("sent"));

        Eventually(() => Delta(before, AskFor<Dictionary<string, long>>(actor, new MeterCounts()), "thespian.dead_letters", SystemBase) >= 1,
                   "the actor's process counts the dead letter");
    }

    private long Delta(Dictionary<string, long> before, Dictionary<string, long> after, string instrument, string? tag = null)
    {
        var key = ProcessMeters.Key(instrument, tag ?? Metered);
        return after.GetValueOrDefault(key) - before.GetValueOrDefault(key);
    }
}
