namespace Thespian.Tests.Behaviour;

/// <summary>WakeupAfter: timer messages delivered to the actor itself (guide §4.7, §5.5).</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class WakeupTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Schedules a wakeup; the actor answers only when it wakes (unless <paramref name="Acknowledge"/>).</summary>
    public sealed record Arm(TimeSpan Delay, string? Payload = null, bool Acknowledge = false);

    /// <summary>What a <see cref="Sleeper"/> reports when a wakeup arrives.</summary>
    public sealed record WokeUp(TimeSpan DelayPeriod, object? Payload, bool SenderWasItself);

    /// <summary>Asks a <see cref="Ticker"/> for <paramref name="Ticks"/> wakeups, each armed when the previous one fires.</summary>
    public sealed record Tick(int Ticks);

    private sealed class Ticker : Actor
    {
        private ActorAddress? _requester;
        private int _remaining;
        private int _fired;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case Tick tick:
                    _requester = sender;
                    _remaining = tick.Ticks;
                    WakeupAfter(TimeSpan.FromMilliseconds(5));
                    break;
                case WakeupMessage when _requester is not null:
                    _fired++;
                    if (--_remaining > 0)
                    {
                        WakeupAfter(TimeSpan.FromMilliseconds(5));
                    }
                    else
                    {
                        Send(_requester, $"fired {_fired}");
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Arms wakeups on <see cref="Arm"/> and reports each <see cref="WakeupMessage"/> to whoever armed
    /// last; "negative" tries a negative period and answers the exception's type name; echoes strings.
    /// </summary>
    private sealed class Sleeper : Actor
    {
        private ActorAddress? _requester;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case Arm arm:
                    _requester = sender;
                    WakeupAfter(arm.Delay, arm.Payload);
                    if (arm.Acknowledge)
                    {
                        Send(sender, "armed");
                    }

                    break;
                case WakeupMessage wakeup when _requester is not null:
                    Send(_requester, new WokeUp(wakeup.DelayPeriod, wakeup.Payload, sender == MyAddress));
                    break;
                case "negative":
                    try
                    {
                        WakeupAfter(TimeSpan.FromMilliseconds(-1));
                        Send(sender, "no exception");
                    }
                    catch (Exception ex)
                    {
                        Send(sender, ex.GetType().Name);
                    }

                    break;
                case string text:
                    Send(sender, text);
                    break;
            }
        }
    }

    /// <summary>
    /// Asks a <see cref="WakeupCounter"/> for a wakeup after <paramref name="Delay"/> (answered "armed"); with
    /// <paramref name="BusyThreadPool"/> it first fills its process's thread pool with work that sleeps for seconds.
    /// </summary>
    public sealed record ArmAndAnswer(TimeSpan Delay, bool BusyThreadPool = false);

    /// <summary>Counts its wakeups; "count" answers how many it has had.</summary>
    private sealed class WakeupCounter : Actor
    {
        private int _wakeups;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case ArmAndAnswer arm:
                    if (arm.BusyThreadPool)
                    {
                        for (var i = 0; i < Environment.ProcessorCount * 4; i++)
                        {
                            ThreadPool.UnsafeQueueUserWorkItem(static _ => Thread.Sleep(TimeSpan.FromSeconds(3)), null);
                        }
                    }

                    WakeupAfter(arm.Delay);
                    Send(sender, "armed");
                    break;
                case "count":
                    Send(sender, _wakeups);
                    break;
                case WakeupMessage:
                    _wakeups++;
                    break;
            }
        }
    }

    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Far = TimeSpan.FromMinutes(1);

    private static readonly Dictionary<string, object?> PythonTestCapabilities = new()
    {
        ["Foo Allowed"] = true, ["Cows Allowed"] = true, ["Dogs Allowed"] = true, ["dog"] = "food",
    };

    [Test]
    public void WakeupAfter_PeriodPassedBeforeTheNextAsk_WakeupIsHandledBeforeTheAsk()
    {
        // Python's test fixture capabilities: the report that found this ran with them, on a fresh system per test.
        var system = StartSystem(PythonTestCapabilities);
        var counter = system.CreateActor<WakeupCounter>();
        Assert.That(system.Ask(counter, new ArmAndAnswer(TimeSpan.FromMilliseconds(100)), Patience), Is.EqualTo("armed"));

        Thread.Sleep(TimeSpan.FromMilliseconds(300));   // the wakeup is due: it was asked for before "armed" was sent

        Assert.That(system.Ask(counter, "count", Patience), Is.EqualTo(1));
    }

    [Test]
    public void WakeupAfter_ActorsThreadPoolBusy_DueWakeupIsHandledBeforeTheNextMessage()
    {
        if (!IsMultiproc)
        {
            Assert.Ignore("The simple base runs actors in the application's process, whose thread pool this would block.");
        }

        var counter = System.CreateActor<WakeupCounter>();
        Assert.That(System.Ask(counter, new ArmAndAnswer(TimeSpan.FromMilliseconds(100), BusyThreadPool: true), Patience),
                    Is.EqualTo("armed"));

        Thread.Sleep(TimeSpan.FromMilliseconds(300));   // due, though the timer's reminder waits behind the sleeping work

        Assert.That(System.Ask(counter, "count", Patience), Is.EqualTo(1));
    }

    [Test]
    public void WakeupAfter_PeriodPasses_ActorGetsAWakeupMessage()
    {
        var sleeper = System.CreateActor<Sleeper>();

        System.Tell(sleeper, new Arm(Short, "p"));

        Assert.That(System.Listen(Patience), Is.InstanceOf<WokeUp>());
    }

    [Test]
    public void WakeupMessage_DelayPeriod_IsThePeriodAskedFor()
    {
        var sleeper = System.CreateActor<Sleeper>();

        System.Tell(sleeper, new Arm(Short));

        Assert.That(ListenFor<WokeUp>().DelayPeriod, Is.EqualTo(Short));
    }

    [Test]
    public void WakeupMessage_Payload_IsThePayloadGiven()
    {
        var sleeper = System.CreateActor<Sleeper>();

        System.Tell(sleeper, new Arm(Short, "my payload"));

        Assert.That(ListenFor<WokeUp>().Payload, Is.EqualTo("my payload"));
    }

    [Test]
    public void WakeupMessage_NoPayloadGiven_PayloadIsNull()
    {
        var sleeper = System.CreateActor<Sleeper>();

        System.Tell(sleeper, new Arm(Short));

        Assert.That(ListenFor<WokeUp>().Payload, Is.Null);
    }

    [Test]
    public void WakeupMessage_Sender_IsTheActorItself()
    {
        var sleeper = System.CreateActor<Sleeper>();

        System.Tell(sleeper, new Arm(Short));

        Assert.That(ListenFor<WokeUp>().SenderWasItself, Is.True);
    }

    [Test]
    public void WakeupAfter_ZeroPeriod_Fires()
    {
        var sleeper = System.CreateActor<Sleeper>();

        System.Tell(sleeper, new Arm(TimeSpan.Zero, "now"));

        Assert.That(ListenFor<WokeUp>().Payload, Is.EqualTo("now"));
    }

    [Test]
    public void WakeupAfter_SeveralPending_AllFire()
    {
        var sleeper = System.CreateActor<Sleeper>();

        System.Tell(sleeper, new Arm(TimeSpan.FromMilliseconds(30), "c"));
        System.Tell(sleeper, new Arm(TimeSpan.FromMilliseconds(10), "a"));
        System.Tell(sleeper, new Arm(TimeSpan.FromMilliseconds(20), "b"));

        var payloads = Collect(3).OfType<WokeUp>().Select(w => w.Payload);
        Assert.That(payloads, Is.EquivalentTo(new List<string> { "a", "b", "c" }));
    }

    [Test]
    public void WakeupAfter_SeveralPending_EachFiresOnce()
    {
        var sleeper = System.CreateActor<Sleeper>();
        System.Tell(sleeper, new Arm(TimeSpan.FromMilliseconds(10), "a"));
        System.Tell(sleeper, new Arm(TimeSpan.FromMilliseconds(20), "b"));
        _ = Collect(2);

        AssertNothingArrives();
    }

    [Test]
    public void Ask_TimeoutLongerThanTheWakeup_ReturnsTheReplySentOnWakeup()
    {
        var sleeper = System.CreateActor<Sleeper>();

        var answer = System.Ask(sleeper, new Arm(TimeSpan.FromMilliseconds(50), "waited"), Patience);

        Assert.That(answer, Is.InstanceOf<WokeUp>().With.Property(nameof(WokeUp.Payload)).EqualTo("waited"));
    }

    [Test]
    public void Ask_TimeoutShorterThanTheWakeup_ReturnsNull()
    {
        var sleeper = System.CreateActor<Sleeper>();

        Assert.That(System.Ask(sleeper, new Arm(TimeSpan.FromSeconds(1), "late"), Brief), Is.Null);
    }

    [Test]
    public void Listen_AfterAnAskTimedOutBeforeTheWakeup_GetsTheReplyOnceDue()
    {
        var sleeper = System.CreateActor<Sleeper>();
        Assert.That(System.Ask(sleeper, new Arm(TimeSpan.FromSeconds(1), "late"), Brief), Is.Null);

        Assert.That(ListenFor<WokeUp>().Payload, Is.EqualTo("late"));
    }

    [Test]
    public void WakeupAfter_RearmedOnEachWakeup_FiresRepeatedly()
    {
        var ticker = System.CreateActor<Ticker>();

        Assert.That(System.Ask(ticker, new Tick(3), Patience), Is.EqualTo("fired 3"));
    }

    [Test]
    public void WakeupAfter_Pending_ActorStillHandlesOtherMessages()
    {
        var sleeper = System.CreateActor<Sleeper>();
        Assert.That(System.Ask(sleeper, new Arm(Far, Acknowledge: true), Patience), Is.EqualTo("armed"));

        Assert.That(System.Ask(sleeper, "meanwhile", Patience), Is.EqualTo("meanwhile"));
    }

    [Test]
    public void Status_TwoWakeupsPending_PendingWakeupsIsTwo()
    {
        var sleeper = System.CreateActor<Sleeper>();
        Assert.That(System.Ask(sleeper, new Arm(Far, Acknowledge: true), Patience), Is.EqualTo("armed"));
        Assert.That(System.Ask(sleeper, new Arm(Far, Acknowledge: true), Patience), Is.EqualTo("armed"));

        Assert.That(AskFor<ThespianActorStatus>(sleeper, new ThespianStatusRequest()).PendingWakeups, Is.EqualTo(2));
    }

    [Test]
    public void Status_WakeupDelivered_NoLongerCountedAsPending()
    {
        var sleeper = System.CreateActor<Sleeper>();
        Assert.That(System.Ask(sleeper, new Arm(Far, Acknowledge: true), Patience), Is.EqualTo("armed"));
        System.Tell(sleeper, new Arm(Short));
        _ = ListenFor<WokeUp>();

        Assert.That(AskFor<ThespianActorStatus>(sleeper, new ThespianStatusRequest()).PendingWakeups, Is.EqualTo(1));
    }

    [Test]
    public void WakeupAfter_NegativePeriod_ThrowsArgumentOutOfRangeExceptionInTheActor()
    {
        var sleeper = System.CreateActor<Sleeper>();

        Assert.That(System.Ask(sleeper, "negative", Patience), Is.EqualTo(nameof(ArgumentOutOfRangeException)));
    }

    [Test]
    public void WakeupAfter_ActorExitsBeforeItIsDue_NothingArrives()
    {
        // Long enough for the exit request to arrive first on a busy machine: a wakeup due by the time a message
        // arrives is handled before it.
        var sleeper = System.CreateActor<Sleeper>();
        Assert.That(System.Ask(sleeper, new Arm(TimeSpan.FromSeconds(1), Acknowledge: true), Patience),
                    Is.EqualTo("armed"));

        System.Tell(sleeper, new ActorExitRequest());

        Assert.That(System.Listen(TimeSpan.FromSeconds(1.5)), Is.Null, "no wakeup once the actor has exited");
    }
}
