namespace Thespian.Tests.Behaviour;

/// <summary>Tell, Ask and Listen from outside the system, actor-to-actor Send, and per-target ordering.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class AskTellTests(string systemBase) : BaseFixture(systemBase)
{
    public sealed record Chatter(int Count);

    public sealed record RelayRequest(ActorAddress Target, string Text);

    public sealed record Greeting(string Text, int Number, List<string> Tags);

    private sealed class Echo : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is not ActorSystemMessage)
            {
                Send(sender, message);
            }
        }
    }

    private sealed class Silent : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    /// <summary>Answers a <see cref="Chatter"/> with that many replies: "reply-1", "reply-2", ...</summary>
    private sealed class Chatty : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Chatter chatter)
            {
                for (var i = 1; i <= chatter.Count; i++)
                {
                    Send(sender, $"reply-{i}");
                }
            }
        }
    }

    /// <summary>Checks that the ints it receives are 1, 2, 3, ...; "report" answers what it saw.</summary>
    private sealed class Sequencer : Actor
    {
        private int _received;
        private string? _firstProblem;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case int number:
                    _received++;
                    if (number != _received && _firstProblem is null)
                    {
                        _firstProblem = $"got {number} as message #{_received}";
                    }

                    break;
                case "report":
                    Send(sender, _firstProblem ?? $"{_received} in order");
                    break;
            }
        }
    }

    /// <summary>Sends the text of a <see cref="RelayRequest"/> to its target and relays the target's answer back.</summary>
    private sealed class Relay : Actor
    {
        private ActorAddress? _requester;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case RelayRequest request:
                    _requester = sender;
                    Send(request.Target, request.Text);
                    break;
                case string answer when _requester is not null:
                    Send(_requester, $"relayed:{answer}");
                    break;
            }
        }
    }

    /// <summary>Counts an int down by sending it to itself, then answers "lift-off" to whoever started it.</summary>
    private sealed class Countdown : Actor
    {
        private ActorAddress? _requester;
        private readonly List<int> _seen = [];

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is not int count)
            {
                return;
            }

            if (sender != MyAddress)
            {
                _requester = sender;
            }

            _seen.Add(count);
            if (count > 0)
            {
                Send(MyAddress, count - 1);
            }
            else if (_requester is not null)
            {
                Send(_requester, string.Join(",", _seen));
            }
        }
    }

    /// <summary>Sends Thespian's own message types to the asker, optionally followed by an application message.</summary>
    private sealed class SystemMessageSender : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is not string text)
            {
                return;
            }

            Send(sender, new ChildActorExited(MyAddress));
            Send(sender, new WakeupMessage(TimeSpan.FromSeconds(1), "payload"));
            Send(sender, new ActorExitRequest());
            if (text == "system then real")
            {
                Send(sender, "real");
            }
        }
    }

    [Test]
    public void Ask_EchoActor_ReturnsTheMessageSentBack()
    {
        var echo = System.CreateActor<Echo>();

        Assert.That(System.Ask(echo, "hello", Patience), Is.EqualTo("hello"));
    }

    [Test]
    public void Ask_ActorThatNeverAnswers_ReturnsNullAfterTheTimeout()
    {
        var silent = System.CreateActor<Echo>();
        System.Tell(silent, new ActorExitRequest());

        Assert.That(System.Ask(silent, "anyone?", Brief), Is.Null);
    }

    [Test]
    public void Ask_LiveActorThatDoesNotAnswer_ReturnsNullAfterTheTimeout()
    {
        var silent = System.CreateActor<Silent>();

        Assert.That(System.Ask(silent, "anyone?", Brief), Is.Null);
    }

    [Test]
    public void Ask_IntMessage_ComesBackAsAnInt()
    {
        var echo = System.CreateActor<Echo>();

        Assert.That(System.Ask(echo, 42, Patience), Is.EqualTo(42).And.TypeOf<int>());
    }

    [Test]
    public void Ask_RecordMessage_ComesBackWithItsValues()
    {
        var echo = System.CreateActor<Echo>();

        var answer = AskFor<Greeting>(echo, new Greeting("hi", 7, ["a", "b"]));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Text, Is.EqualTo("hi"));
            Assert.That(answer.Number, Is.EqualTo(7));
            Assert.That(answer.Tags, Is.EqualTo(new List<string> { "a", "b" }));
        });
    }

    [Test]
    public void Ask_ActorAddressInMessage_ComesBackEqualToTheOriginal()
    {
        var echo = System.CreateActor<Echo>();
        var other = System.CreateActor<Silent>();

        Assert.That(System.Ask(echo, other, Patience), Is.EqualTo(other));
    }

    [Test]
    public void Ask_AfterAnUnansweredTell_ReturnsTheReplyToTheTell()
    {
        var echo = System.CreateActor<Echo>();
        System.Tell(echo, "first");

        Assert.That(System.Ask(echo, "second", Patience), Is.EqualTo("first"));
    }

    [Test]
    public void Listen_AfterAskGotAnEarlierReply_ReturnsTheReplyToTheAsk()
    {
        var echo = System.CreateActor<Echo>();
        System.Tell(echo, "first");
        _ = System.Ask(echo, "second", Patience);

        Assert.That(System.Listen(Patience), Is.EqualTo("second"));
    }

    [Test]
    public void Listen_ActorSentSeveralReplies_ReturnsEachOfThemInTurn()
    {
        var chatty = System.CreateActor<Chatty>();

        var first = System.Ask(chatty, new Chatter(3), Patience);
        var rest = Collect(2);

        Assert.That(new[] { first }.Concat(rest), Is.EqualTo(new List<string> { "reply-1", "reply-2", "reply-3" }));
    }

    [Test]
    public void Listen_AllRepliesTaken_ReturnsNullAfterTheTimeout()
    {
        var chatty = System.CreateActor<Chatty>();
        _ = System.Ask(chatty, new Chatter(2), Patience);
        _ = Collect(1);

        Assert.That(System.Listen(Brief), Is.Null);
    }

    [Test]
    public void Listen_NothingWasSent_ReturnsNullAfterTheTimeout()
    {
        _ = System.CreateActor<Echo>();

        Assert.That(System.Listen(Brief), Is.Null);
    }

    [Test]
    public void Tell_ActorRepliesToTheSender_ReplyReachesTheTellingEndpoint()
    {
        var echo = System.CreateActor<Echo>();

        System.Tell(echo, "told");

        Assert.That(System.Listen(Patience), Is.EqualTo("told"));
    }

    [Test]
    public void Tell_ThousandMessagesToOneActor_ArriveInOrder()
    {
        var sequencer = System.CreateActor<Sequencer>();

        for (var i = 1; i <= 1000; i++)
        {
            System.Tell(sequencer, i);
        }

        Assert.That(System.Ask(sequencer, "report", Patience), Is.EqualTo("1000 in order"));
    }

    [Test]
    public void Send_ActorToActor_MessageArrivesAndTheAnswerIsRelayedBack()
    {
        var relay = System.CreateActor<Relay>();
        var echo = System.CreateActor<Echo>();

        Assert.That(System.Ask(relay, new RelayRequest(echo, "ping"), Patience), Is.EqualTo("relayed:ping"));
    }

    [Test]
    public void Send_ActorToItself_EachMessageArrivesInTurn()
    {
        var countdown = System.CreateActor<Countdown>();

        Assert.That(System.Ask(countdown, 3, Patience), Is.EqualTo("3,2,1,0"));
    }

    [Test]
    public void Ask_TwoActorsAnswerTheSameEndpoint_EachAnswerArrives()
    {
        var first = System.CreateActor<Echo>();
        var second = System.CreateActor<Echo>();

        System.Tell(first, "one");
        System.Tell(second, "two");

        Assert.That(Collect(2), Is.EquivalentTo(new List<string> { "one", "two" }));
    }

    [Test]
    public void Ask_ActorSendsOnlyThespianSystemMessagesToTheEndpoint_ReturnsNull()
    {
        var sender = System.CreateActor<SystemMessageSender>();

        Assert.That(System.Ask(sender, "system only", Brief), Is.Null);
    }

    [Test]
    public void Ask_ActorSendsSystemMessagesThenAnApplicationMessage_ReturnsTheApplicationMessage()
    {
        var sender = System.CreateActor<SystemMessageSender>();

        Assert.That(System.Ask(sender, "system then real", Patience), Is.EqualTo("real"));
    }
}
