namespace Thespian.Tests.Behaviour;

/// <summary>Troupes: one address, several worker instances, up to MaxCount at once (guide §4.9).</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class TroupeTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Work for the troupe; with <paramref name="KeepBusy"/> the worker stays busy until told "done".</summary>
    public sealed record Job(string Id, bool KeepBusy = false);

    /// <summary>Work that makes the worker throw every time.</summary>
    public sealed record Explode(string Id);

    /// <summary>A worker's answer: which job, handled by which worker.</summary>
    public sealed record WorkerReply(string Id, ActorAddress Worker);

    [Troupe(MaxCount = 3, IdleCount = 1)]
    private sealed class Worker : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case Job job:
                    TroupeWorkInProgress = job.KeepBusy;
                    Send(sender, new WorkerReply(job.Id, MyAddress));
                    break;
                case Explode explode:
                    throw new InvalidOperationException($"worker exploded on {explode.Id}");
                case "done":
                    TroupeWorkInProgress = false;
                    break;
            }
        }
    }

    private List<WorkerReply> Replies(int count) => Collect(count).Cast<WorkerReply>().ToList();

    private List<WorkerReply> StartBusyJobs(ActorAddress troupe, int jobs, int expectedReplies)
    {
        for (var i = 1; i <= jobs; i++)
        {
            System.Tell(troupe, new Job($"{i}", KeepBusy: true));
        }

        return Replies(expectedReplies);
    }


    [Test]
    public void Troupe_Message_AWorkerAnswersTheOriginalSender()
    {
        var troupe = System.CreateActor<Worker>();

        var reply = AskFor<WorkerReply>(troupe, new Job("a"));

        Assert.Multiple(() =>
        {
            Assert.That(reply.Id, Is.EqualTo("a"));
            Assert.That(reply.Worker, Is.Not.EqualTo(troupe));
        });
    }

    [Test]
    public void Troupe_WorkersKeptBusy_DistinctWorkersTakeTheWork()
    {
        var troupe = System.CreateActor<Worker>();

        var replies = StartBusyJobs(troupe, jobs: 3, expectedReplies: 3);

        Assert.That(replies.Select(r => r.Worker).Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public void Troupe_MoreBusyWorkThanMaxCount_ExtraWorkWaits()
    {
        var troupe = System.CreateActor<Worker>();

        _ = StartBusyJobs(troupe, jobs: 5, expectedReplies: 3);

        AssertNothingArrives();
    }

    [Test]
    public void Troupe_QueuedWork_IsHandledByTheWorkerThatFinishes()
    {
        var troupe = System.CreateActor<Worker>();
        var first = StartBusyJobs(troupe, jobs: 4, expectedReplies: 3);

        System.Tell(first[0].Worker, "done");

        var queued = ListenFor<WorkerReply>();
        Assert.Multiple(() =>
        {
            Assert.That(queued.Id, Is.EqualTo("4"));
            Assert.That(queued.Worker, Is.EqualTo(first[0].Worker));
        });
    }

    [Test]
    public void Troupe_AllQueuedWorkDone_NeverMoreThanMaxCountWorkers()
    {
        var troupe = System.CreateActor<Worker>();
        var replies = StartBusyJobs(troupe, jobs: 6, expectedReplies: 3);

        while (replies.Count < 6)
        {
            System.Tell(replies[^1].Worker, "done");
            replies.Add(ListenFor<WorkerReply>());
        }

        Assert.Multiple(() =>
        {
            Assert.That(replies.Select(r => r.Id), Is.EquivalentTo(new List<string> { "1", "2", "3", "4", "5", "6" }));
            Assert.That(replies.Select(r => r.Worker).Distinct().Count(), Is.EqualTo(3));
        });
    }

    [Test]
    public void Troupe_AllWorkDone_KeepsIdleCountWorkers()
    {
        var troupe = System.CreateActor<Worker>();
        var replies = StartBusyJobs(troupe, jobs: 3, expectedReplies: 3);

        foreach (var reply in replies)
        {
            System.Tell(reply.Worker, "done");
        }

        Eventually(() => AskFor<ThespianActorStatus>(troupe, new ThespianStatusRequest()).ChildActors.Count == 1,
                   "the troupe keeps IdleCount (1) idle workers");
    }

    [Test]
    public void UpdateTroupeSettings_MaxCount_AnswersTheLimitsInEffect()
    {
        var troupe = System.CreateActor<Worker>();

        var settings = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings { MaxCount = 5 });

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxCount, Is.EqualTo(5));
            Assert.That(settings.IdleCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpdateTroupeSettings_IdleCountOnly_LeavesMaxCountUnchanged()
    {
        var troupe = System.CreateActor<Worker>();

        var settings = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings { IdleCount = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxCount, Is.EqualTo(3));
            Assert.That(settings.IdleCount, Is.EqualTo(0));
        });
    }

    [Test]
    public void UpdateTroupeSettings_NoFields_AnswersTheAttributeLimits()
    {
        var troupe = System.CreateActor<Worker>();

        var settings = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings());

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxCount, Is.EqualTo(3));
            Assert.That(settings.IdleCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpdateTroupeSettings_LoweredMaxCount_LimitsTheWorkers()
    {
        var troupe = System.CreateActor<Worker>();
        _ = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings { MaxCount = 1 });

        _ = StartBusyJobs(troupe, jobs: 2, expectedReplies: 1);

        AssertNothingArrives();
    }

    [Test]
    public void UpdateTroupeSettings_RaisedMaxCount_QueuedWorkStarts()
    {
        var troupe = System.CreateActor<Worker>();
        _ = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings { MaxCount = 1 });
        _ = StartBusyJobs(troupe, jobs: 2, expectedReplies: 1);
        AssertNothingArrives();

        System.Tell(troupe, new UpdateTroupeSettings { MaxCount = 2 });

        var messages = Collect(2);
        Assert.Multiple(() =>
        {
            Assert.That(messages.OfType<UpdateTroupeSettings>().Single().MaxCount, Is.EqualTo(2));
            Assert.That(messages.OfType<WorkerReply>().Single().Id, Is.EqualTo("2"));
        });
    }

    [Test]
    public void TroupeCommand_SetMaxCount_AnswersAsPythonDoes()
    {
        var troupe = System.CreateActor<Worker>();

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(troupe, "troupe:set_max_count=9", Patience), Is.EqualTo("Set troupe max_count to 9"));
            Assert.That(AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings()).MaxCount, Is.EqualTo(9));
        });
    }

    [Test]
    public void TroupeCommand_SetIdleCount_AnswersAsPythonDoes()
    {
        var troupe = System.CreateActor<Worker>();

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(troupe, "troupe:set_idle_count=4", Patience), Is.EqualTo("Set troupe idle_count to 4"));
            Assert.That(AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings()).IdleCount, Is.EqualTo(4));
        });
    }

    [Test]
    public void TroupeCommand_SetMaxCountThenUpdateTroupeSettings_AnswersTheSettingsInForce()
    {
        var troupe = System.CreateActor<Worker>();
        Assert.That(System.Ask(troupe, "troupe:set_max_count=9", Patience), Is.EqualTo("Set troupe max_count to 9"));

        var settings = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings { IdleCount = 4 });

        Assert.Multiple(() =>
        {
            Assert.That(settings.MaxCount, Is.EqualTo(9));
            Assert.That(settings.IdleCount, Is.EqualTo(4));
        });
    }

    [TestCase("troupe:set_max_count=nine", "max_count")]
    [TestCase("troupe:set_max_count=0", "max_count")]
    [TestCase("troupe:set_idle_count=-1", "idle_count")]
    public void TroupeCommand_BadCount_AnswersWithAnErrorAndKeepsTheLimits(string command, string setting)
    {
        var troupe = System.CreateActor<Worker>();

        var answer = System.Ask(troupe, command, Patience);
        var settings = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings());

        Assert.Multiple(() =>
        {
            Assert.That(answer, Does.StartWith($"Error changing {setting} for troupe based on message \"{command}\": "));
            Assert.That(settings.MaxCount, Is.EqualTo(3));
            Assert.That(settings.IdleCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void TroupeCommand_Status_ReportsTheLimitsAndWorkers()
    {
        var troupe = System.CreateActor<Worker>();
        _ = StartBusyJobs(troupe, jobs: 4, expectedReplies: 3);

        Assert.That(System.Ask(troupe, "troupe:status?", Patience),
                    Does.StartWith("Idle=1, Max=3, Troupers [3, 0 idle, 0 extra]: [").And.EndWith("], Pending=1"));
    }

    [Test]
    public void TroupeCommand_SetMaxCount_LimitsTheWorkers()
    {
        var troupe = System.CreateActor<Worker>();
        Assert.That(System.Ask(troupe, "troupe:set_max_count=1", Patience), Is.EqualTo("Set troupe max_count to 1"));

        _ = StartBusyJobs(troupe, jobs: 2, expectedReplies: 1);

        AssertNothingArrives();
    }

    [Test]
    public void TroupeCommand_LoweredMaxCountWhileWorkersAreBusy_TakesEffectAsWorkersFinish()
    {
        var troupe = System.CreateActor<Worker>();
        var busy = StartBusyJobs(troupe, jobs: 3, expectedReplies: 3);
        Assert.That(System.Ask(troupe, "troupe:set_max_count=1", Patience), Is.EqualTo("Set troupe max_count to 1"));
        System.Tell(troupe, new Job("4", KeepBusy: true));
        System.Tell(troupe, new Job("5", KeepBusy: true));

        // Two of the three finish: one is still busy, which is the new maximum, so neither takes the queued work.
        System.Tell(busy[0].Worker, "done");
        System.Tell(busy[1].Worker, "done");
        AssertNothingArrives();

        System.Tell(busy[2].Worker, "done");

        var next = ListenFor<WorkerReply>();
        Assert.Multiple(() =>
        {
            Assert.That(next.Id, Is.EqualTo("4"));
            Assert.That(next.Worker, Is.EqualTo(busy[2].Worker));
        });
        AssertNothingArrives();
        Eventually(() => AskFor<ThespianActorStatus>(troupe, new ThespianStatusRequest()).ChildActors.Count == 1,
                   "the troupe is down to its new maximum of one worker");
    }

    [Test]
    public void TroupeCommand_SetIdleCountZero_AllWorkDone_KeepsNoWorkers()
    {
        var troupe = System.CreateActor<Worker>();
        Assert.That(System.Ask(troupe, "troupe:set_idle_count=0", Patience), Is.EqualTo("Set troupe idle_count to 0"));
        var replies = StartBusyJobs(troupe, jobs: 3, expectedReplies: 3);

        foreach (var reply in replies)
        {
            System.Tell(reply.Worker, "done");
        }

        Eventually(() => AskFor<ThespianActorStatus>(troupe, new ThespianStatusRequest()).ChildActors.Count == 0,
                   "the troupe keeps no idle workers");
    }

    [Test]
    public void UpdateTroupeSettings_MaxCountZero_ReturnsPoisonAndKeepsTheLimits()
    {
        var troupe = System.CreateActor<Worker>();

        var poison = AskFor<PoisonMessage>(troupe, new UpdateTroupeSettings { MaxCount = 0 });
        var settings = AskFor<UpdateTroupeSettings>(troupe, new UpdateTroupeSettings());

        Assert.Multiple(() =>
        {
            Assert.That(poison.Details, Does.Contain(nameof(ArgumentException)).And.Contain("MaxCount"));
            Assert.That(settings.MaxCount, Is.EqualTo(3));
        });
    }

    [Test]
    public void Troupe_CreatedWithAGlobalName_SecondCreateReturnsTheSameTroupe()
    {
        var troupe = System.CreateActor<Worker>(globalName: "pool");

        Assert.Multiple(() =>
        {
            Assert.That(System.CreateActor<Worker>(globalName: "pool"), Is.EqualTo(troupe));
            Assert.That(AskFor<WorkerReply>(troupe, new Job("named")).Id, Is.EqualTo("named"));
        });
    }

    [Test]
    public void Status_TroupeAddress_ReportsTheWorkerActorType()
    {
        var troupe = System.CreateActor<Worker>();

        Assert.That(AskFor<ThespianActorStatus>(troupe, new ThespianStatusRequest()).ActorType,
                    Is.EqualTo(typeof(Worker).FullName));
    }

    [Test]
    public void Status_TroupeAddress_ActorAddressIsTheTroupeAddress()
    {
        var troupe = System.CreateActor<Worker>();

        Assert.That(AskFor<ThespianActorStatus>(troupe, new ThespianStatusRequest()).ActorAddress, Is.EqualTo(troupe));
    }

    [Test]
    public void ActorExitRequest_ToTheTroupe_LaterMessagesToItAreDeadLetters()
    {
        var troupe = System.CreateActor<Worker>();
        _ = AskFor<WorkerReply>(troupe, new Job("a"));
        _ = RegisteredWatcher();

        System.Tell(troupe, new ActorExitRequest());
        System.Tell(troupe, new Job("late"));

        var seen = ListenFor<DeadLetterSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.DeadAddress, Is.EqualTo(troupe));
            Assert.That(seen.DeadMessage, Is.EqualTo(new Job("late")));
        });
    }

    [Test]
    public void ActorExitRequest_ToTheTroupe_WorkersStopToo()
    {
        var troupe = System.CreateActor<Worker>();
        var worker = AskFor<WorkerReply>(troupe, new Job("a")).Worker;
        _ = RegisteredWatcher();

        System.Tell(troupe, new ActorExitRequest());
        WaitForActorCount(1);
        System.Tell(worker, new Job("direct"));

        Assert.That(ListenFor<DeadLetterSeen>().DeadAddress, Is.EqualTo(worker));
    }

    [Test]
    public void ActorExitRequest_ToTheTroupe_QueuedWorkBecomesDeadLetters()
    {
        var troupe = System.CreateActor<Worker>();
        _ = StartBusyJobs(troupe, jobs: 4, expectedReplies: 3);
        _ = RegisteredWatcher();

        System.Tell(troupe, new ActorExitRequest());

        var seen = ListenFor<DeadLetterSeen>();
        Assert.Multiple(() =>
        {
            Assert.That(seen.DeadAddress, Is.EqualTo(troupe));
            Assert.That(seen.DeadMessage, Is.EqualTo(new Job("4", KeepBusy: true)));
        });
    }

    [Test]
    public void Troupe_WorkerThrowsTwice_PoisonMessageReachesTheOriginalSender()
    {
        var troupe = System.CreateActor<Worker>();

        var poison = AskFor<PoisonMessage>(troupe, new Explode("x"));

        Assert.Multiple(() =>
        {
            Assert.That(poison.Message, Is.EqualTo(new Explode("x")));
            Assert.That(poison.Details, Does.Contain("worker exploded on x"));
        });
    }

    [Test]
    public void Troupe_AfterAWorkerFailure_KeepsHandlingWork()
    {
        var troupe = System.CreateActor<Worker>();
        _ = AskFor<PoisonMessage>(troupe, new Explode("x"));

        Assert.That(AskFor<WorkerReply>(troupe, new Job("next")).Id, Is.EqualTo("next"));
    }
}
