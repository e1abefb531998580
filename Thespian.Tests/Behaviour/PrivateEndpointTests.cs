namespace Thespian.Tests.Behaviour;

/// <summary>Private(): a separate endpoint whose Ask and Listen receive only its own replies.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class PrivateEndpointTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>Answers every application message with the address of its sender.</summary>
    private sealed class WhoIsAsking : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is not ActorSystemMessage)
            {
                Send(sender, sender);
            }
        }
    }

    [Test]
    public void Ask_OnPrivateEndpoint_ReturnsItsOwnReply()
    {
        var echo = System.CreateActor<EchoActor>();
        using var endpoint = System.Private();

        Assert.That(endpoint.Ask(echo, "private", Patience), Is.EqualTo("private"));
    }

    [Test]
    public void Ask_OnPrivateEndpoint_DoesNotGetRepliesToTheMainEndpoint()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, "main");
        using var endpoint = System.Private();

        Assert.That(endpoint.Ask(echo, "private", Patience), Is.EqualTo("private"));
    }

    [Test]
    public void Listen_OnMainEndpoint_StillGetsItsReplyAfterAPrivateAsk()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, "main");
        using (var endpoint = System.Private())
        {
            _ = endpoint.Ask(echo, "private", Patience);
        }

        Assert.That(System.Listen(Patience), Is.EqualTo("main"));
    }

    [Test]
    public void Ask_OnMainEndpoint_DoesNotGetRepliesToAPrivateEndpoint()
    {
        var echo = System.CreateActor<EchoActor>();
        using var endpoint = System.Private();
        endpoint.Tell(echo, "private");

        Assert.Multiple(() =>
        {
            Assert.That(System.Ask(echo, "main", Patience), Is.EqualTo("main"));
            Assert.That(endpoint.Listen(Patience), Is.EqualTo("private"));
        });
    }

    [Test]
    public void Private_SenderSeenByActors_DiffersFromTheMainEndpoint()
    {
        var who = System.CreateActor<WhoIsAsking>();
        using var endpoint = System.Private();

        var mainSender = AskFor<ActorAddress>(who, "who?");
        var privateSender = AskFor<ActorAddress>(who, "who?", endpoint);

        Assert.That(privateSender, Is.Not.EqualTo(mainSender));
    }

    [Test]
    public void Private_TwoPrivateEndpoints_AreDistinctSenders()
    {
        var who = System.CreateActor<WhoIsAsking>();
        using var first = System.Private();
        using var second = System.Private();

        Assert.That(AskFor<ActorAddress>(who, "who?", first), Is.Not.EqualTo(AskFor<ActorAddress>(who, "who?", second)));
    }

    [Test]
    public void Private_SameSystem_HasTheSameSystemAddressAndActors()
    {
        var echo = System.CreateActor<EchoActor>();
        using var endpoint = System.Private();

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.SystemAddress, Is.EqualTo(System.SystemAddress));
            Assert.That(endpoint.Ask(echo, "shared", Patience), Is.EqualTo("shared"));
        });
    }

    [Test]
    public void Private_CreateActorThroughIt_ActorIsReachableFromTheMainEndpoint()
    {
        using var endpoint = System.Private();
        var echo = endpoint.CreateActor<EchoActor>();

        Assert.That(System.Ask(echo, "from main", Patience), Is.EqualTo("from main"));
    }

    [Test]
    public void Dispose_PrivateEndpoint_SystemKeepsRunning()
    {
        var echo = System.CreateActor<EchoActor>();
        var endpoint = System.Private();
        Assert.That(endpoint.Ask(echo, "before", Patience), Is.EqualTo("before"));

        endpoint.Dispose();

        Assert.That(System.Ask(echo, "after", Patience), Is.EqualTo("after"));
    }

    [Test]
    public void Ask_FromSeveralThreadsEachWithItsOwnPrivateEndpoint_EachGetsOnlyItsOwnReplies()
    {
        var echo = System.CreateActor<EchoActor>();

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            using var endpoint = System.Private();
            var wrong = new List<object?>();
            for (var i = 0; i < 25; i++)
            {
                var expected = $"{worker}:{i}";
                var answer = endpoint.Ask(echo, expected, Patience);
                if (!Equals(answer, expected))
                {
                    wrong.Add(answer);
                }
            }

            return wrong;
        })).ToArray();

        Assert.That(Task.WaitAll(workers, Patience * 3), Is.True, "all workers finished");
        Assert.That(workers.SelectMany(w => w.Result), Is.Empty);
    }
}
