namespace Thespian.Tests.Behaviour;

/// <summary>
/// Troupes lose no work: work held by a worker that stops goes to another worker; work lost again and again is a dead
/// letter of the user's own message; spare idle workers stay for the idle grace and then retire.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class TroupeRecoveryTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Work: the worker answers, and with <paramref name="Hold"/> keeps it in progress (never finishes).</summary>
    public sealed record Chore(string Id, bool Hold = false);

    /// <summary>Work that makes every worker that takes it stop itself while holding it.</summary>
    public sealed record Fatal(string Id);

    /// <summary>A worker's answer: which work, handled by which worker.</summary>
    public sealed record Handled(string Id, ActorAddress Worker);

    [Troupe(MaxCount = 3, IdleCount = 1)]
    private sealed class Holder : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case Chore task:
                    TroupeWorkInProgress = task.Hold;
                    Send(sender, new Handled(task.Id, MyAddress));
                    break;
                case Fatal fatal:
                    TroupeWorkInProgress = true;
                    Send(sender, new Handled(fatal.Id, MyAddress));
                    Send(MyAddress, new ActorExitRequest());
                    break;
            }
        }
    }

    [Troupe(MaxCount = 3, IdleCount = 0, IdleGraceSeconds = 600)]
    private sealed class Lingering : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Chore task)
            {
                Send(sender, new Handled(task.Id, MyAddress));
            }
        }
    }

    [Troupe(MaxCount = 3, IdleCount = 0, IdleGraceSeconds = 0.2)]
    private sealed class BrieflyLingering : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Chore task)
            {
                Send(sender, new Handled(task.Id, MyAddress));
            }
        }
    }

    private int WorkerCount(ActorAddress troupe) =>
        AskFor<ThespianActorStatus>(troupe, new ThespianStatusRequest()).ChildActors.Count;

    [Test]
    public void Troupe_WorkerStopsWhileHoldingWork_AnotherWorkerGetsTheWork()
    {
        var troupe = System.CreateActor<Holder>();
        var first = AskFor<Handled>(troupe, new Chore("held", Hold: true));

        System.Tell(first.Worker, new ActorExitRequest());

        var again = ListenFor<Handled>();
        Assert.Multiple(() =>
        {
            Assert.That(again.Id, Is.EqualTo("held"), "the work the stopped worker held is handed out again");
            Assert.That(again.Worker, Is.Not.EqualTo(first.Worker));
        });
    }

    [Test]
    public void Troupe_WorkerStopsWhileHoldingWork_OtherWorkIsNotRepeated()
    {
        var troupe = System.CreateActor<Holder>();
        var done = AskFor<Handled>(troupe, new Chore("finished"));
        Eventually(() => System.Ask(troupe, "troupe:status?", Patience) is string status && status.Contains(", 1 idle,", StringComparison.Ordinal),
                   "the worker has reported idle to the troupe");
        var held = AskFor<Handled>(troupe, new Chore("held", Hold: true));
        Assume.That(held.Worker, Is.EqualTo(done.Worker), "the idle worker took the second task");

        System.Tell(held.Worker, new ActorExitRequest());

        Assert.That(ListenFor<Handled>().Id, Is.EqualTo("held"));
        AssertNothingArrives();
    }

    [Test]
    public void Troupe_WorkEveryWorkerDiesOn_IsADeadLetterOfTheUsersMessageAtTheTroupe()
    {
        var troupe = System.CreateActor<Holder>();
        _ = RegisteredWatcher();

        System.Tell(troupe, new Fatal("x"));

        var messages = Collect(5);
        var handled = messages.OfType<Handled>().ToList();
        var dead = messages.OfType<DeadLetterSeen>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(handled, Has.Count.EqualTo(4), "handed out once and re-queued three times");
            Assert.That(handled.Select(h => h.Worker).Distinct().Count(), Is.EqualTo(4), "each time to a new worker");
            Assert.That(dead.DeadMessage, Is.EqualTo(new Fatal("x")), "the handler gets the user's message, not a wrapper");
            Assert.That(dead.DeadAddress, Is.EqualTo(troupe));
        });
    }

    [Test]
    public void Troupe_WorkerIdleWithinTheGrace_TakesTheNextWork()
    {
        var troupe = System.CreateActor<Lingering>();
        var first = AskFor<Handled>(troupe, new Chore("1"));
        // The worker's answer can overtake its idle report to the troupe (another process on a multiproc base).
        Eventually(() => System.Ask(troupe, "troupe:status?", Patience) is string status && status.Contains(", 1 idle,", StringComparison.Ordinal),
                   "the worker has reported idle to the troupe");

        var second = AskFor<Handled>(troupe, new Chore("2"));

        Assert.Multiple(() =>
        {
            Assert.That(second.Worker, Is.EqualTo(first.Worker), "the spare worker was kept for the next work");
            Assert.That(WorkerCount(troupe), Is.EqualTo(1));
        });
    }

    [Test]
    public void Troupe_SpareWorkerIdleBeyondTheGrace_Retires()
    {
        var troupe = System.CreateActor<BrieflyLingering>();
        _ = AskFor<Handled>(troupe, new Chore("1"));

        Eventually(() => WorkerCount(troupe) == 0, "the spare worker retires after its 0.2 s grace (IdleCount 0)");
    }

    [Test]
    public void UpdateTroupeSettings_IdleGraceSeconds_AnswersTheSettingsInEffect()
    {
        var troupe = System.CreateActor<Lingering>();

        var settings = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings { IdleGraceSeconds = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(settings.IdleGraceSeconds, Is.EqualTo(0));
            Assert.That(settings.MaxCount, Is.EqualTo(3));
            Assert.That(settings.IdleCount, Is.EqualTo(0));
        });
    }

    [Test]
    public void UpdateTroupeSettings_GraceLoweredToZero_SpareWorkersRetire()
    {
        var troupe = System.CreateActor<Lingering>();
        _ = AskFor<Handled>(troupe, new Chore("1"));

        _ = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings { IdleGraceSeconds = 0 });

        Eventually(() => WorkerCount(troupe) == 0, "with no grace the spare worker retires");
    }

    [Test]
    public void UpdateTroupeSettings_NegativeGrace_ReturnsPoison()
    {
        var troupe = System.CreateActor<Lingering>();

        var poison = AskFor<PoisonMessage>(troupe, new UpdateTroupeSettings { IdleGraceSeconds = -1 });

        Assert.That(poison.Details, Does.Contain("IdleGraceSeconds"));
    }
}
