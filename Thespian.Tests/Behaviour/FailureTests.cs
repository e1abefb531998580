namespace Thespian.Tests.Behaviour;

/// <summary>An exception in ReceiveMessage: one retry, then a PoisonMessage to the sender; the actor lives on (guide §4.4).</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class FailureTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Fails every time it is handled.</summary>
    public sealed record Fail(string Id);

    /// <summary>Fails the first time it is handled, succeeds on the retry.</summary>
    public sealed record FailOnce(string Id);

    /// <summary>Asks how many times the message with this id was handled.</summary>
    public sealed record Attempts(string Id);

    /// <summary>Asks a <see cref="Client"/> to send a <see cref="Fail"/> to the target.</summary>
    public sealed record Provoke(ActorAddress Target, string Id);

    /// <summary>What a <see cref="Client"/> reports when a poison message comes back to it.</summary>
    public sealed record PoisonSeen(object Message, string? Details);

    /// <summary>Counts every attempt per id; echoes strings.</summary>
    private sealed class Fragile : Actor
    {
        private readonly Dictionary<string, int> _attempts = [];

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case Fail fail:
                    Count(fail.Id);
                    throw new InvalidOperationException($"boom {fail.Id}");
                case FailOnce once when Count(once.Id) == 1:
                    throw new InvalidOperationException($"first try of {once.Id}");
                case FailOnce once:
                    Send(sender, $"done {once.Id} after {_attempts[once.Id]}");
                    break;
                case Attempts attempts:
                    Send(sender, _attempts.GetValueOrDefault(attempts.Id));
                    break;
                case string text:
                    Send(sender, text);
                    break;
            }
        }

        private int Count(string id) => _attempts[id] = _attempts.GetValueOrDefault(id) + 1;
    }

    /// <summary>Sends a failing message on the test's behalf and reports the poison that comes back to it.</summary>
    private sealed class Client : Actor
    {
        private ActorAddress? _reporter;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case Provoke provoke:
                    _reporter = sender;
                    Send(provoke.Target, new Fail(provoke.Id));
                    break;
                case PoisonMessage poison when _reporter is not null:
                    Send(_reporter, new PoisonSeen(poison.Message, poison.Details));
                    break;
            }
        }
    }

    [Test]
    public void Ask_ActorThrowsTwice_ReturnsPoisonMessage()
    {
        var fragile = System.CreateActor<Fragile>();

        Assert.That(System.Ask(fragile, new Fail("a"), Patience), Is.InstanceOf<PoisonMessage>());
    }

    [Test]
    public void PoisonMessage_Message_IsTheOriginalMessage()
    {
        var fragile = System.CreateActor<Fragile>();

        var poison = AskFor<PoisonMessage>(fragile, new Fail("a"));

        Assert.That(poison.Message, Is.EqualTo(new Fail("a")));
    }

    [Test]
    public void PoisonMessage_Details_NameTheExceptionTypeAndMessage()
    {
        var fragile = System.CreateActor<Fragile>();

        var poison = AskFor<PoisonMessage>(fragile, new Fail("a"));

        Assert.That(poison.Details, Does.Contain(nameof(InvalidOperationException)).And.Contain("boom a"));
    }

    [Test]
    public void ReceiveMessage_Throws_TheSameInstanceIsGivenTheMessageTwice()
    {
        var fragile = System.CreateActor<Fragile>();
        _ = AskFor<PoisonMessage>(fragile, new Fail("a"));

        Assert.That(System.Ask(fragile, new Attempts("a"), Patience), Is.EqualTo(2));
    }

    [Test]
    public void ReceiveMessage_ThrowsTwice_ActorLivesOnAndAnswersTheNextMessage()
    {
        var fragile = System.CreateActor<Fragile>();
        _ = AskFor<PoisonMessage>(fragile, new Fail("a"));

        Assert.That(System.Ask(fragile, "still alive?", Patience), Is.EqualTo("still alive?"));
    }

    [Test]
    public void ReceiveMessage_ThrowsTwice_ActorKeepsItsState()
    {
        var fragile = System.CreateActor<Fragile>();
        _ = AskFor<PoisonMessage>(fragile, new Fail("a"));
        _ = AskFor<PoisonMessage>(fragile, new Fail("a"));

        Assert.That(System.Ask(fragile, new Attempts("a"), Patience), Is.EqualTo(4));
    }

    [Test]
    public void ReceiveMessage_FailsOnlyTheFirstTime_TheRetryAnswers()
    {
        var fragile = System.CreateActor<Fragile>();

        Assert.That(System.Ask(fragile, new FailOnce("b"), Patience), Is.EqualTo("done b after 2"));
    }

    [Test]
    public void ReceiveMessage_FailsOnlyTheFirstTime_NoPoisonMessageIsReturned()
    {
        var fragile = System.CreateActor<Fragile>();
        _ = System.Ask(fragile, new FailOnce("b"), Patience);

        AssertNothingArrives();
    }

    [Test]
    public void Tell_ActorThrowsTwice_PoisonMessageReachesTheTellingEndpoint()
    {
        var fragile = System.CreateActor<Fragile>();

        System.Tell(fragile, new Fail("c"));

        Assert.That(ListenFor<PoisonMessage>().Message, Is.EqualTo(new Fail("c")));
    }

    [Test]
    public void Tell_SeveralFailingMessages_EachComesBackAsPoison()
    {
        var fragile = System.CreateActor<Fragile>();

        System.Tell(fragile, new Fail("x"));
        System.Tell(fragile, new Fail("y"));

        var returned = Collect(2).OfType<PoisonMessage>().Select(p => p.Message);
        Assert.That(returned, Is.EquivalentTo(new object[] { new Fail("x"), new Fail("y") }));
    }

    [Test]
    public void Send_FromAnActorThatFailsTwice_PoisonMessageReachesTheSendingActor()
    {
        var fragile = System.CreateActor<Fragile>();
        var client = System.CreateActor<Client>();

        var seen = AskFor<PoisonSeen>(client, new Provoke(fragile, "d"));

        Assert.Multiple(() =>
        {
            Assert.That(seen.Message, Is.EqualTo(new Fail("d")));
            Assert.That(seen.Details, Does.Contain("boom d"));
        });
    }
}
