namespace Thespian.Tests.Behaviour;

/// <summary>AskAsync and ListenAsync: the same answers as Ask and Listen, and cancellation.</summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class AsyncAskTests(string systemBase) : BaseFixture(systemBase)
{
    /// <summary>"arm": schedules a wakeup a minute away and answers "armed"; other strings are echoed.</summary>
    private sealed class LateSleeper : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "arm":
                    WakeupAfter(TimeSpan.FromMinutes(1));
                    Send(sender, "armed");
                    break;
                case string text:
                    Send(sender, text);
                    break;
            }
        }
    }

    private sealed class Silent : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Test]
    public async Task AskAsync_EchoActor_ReturnsTheMessageSentBack()
    {
        var echo = System.CreateActor<EchoActor>();

        Assert.That(await System.AskAsync(echo, "hello", Patience), Is.EqualTo("hello"));
    }

    [Test]
    public async Task AskAsync_ActorThatDoesNotAnswer_ReturnsNullAfterTheTimeout()
    {
        var silent = System.CreateActor<Silent>();

        Assert.That(await System.AskAsync(silent, "anyone?", Brief), Is.Null);
    }

    [Test]
    public async Task AskAsync_AfterAnUnansweredTell_ReturnsTheReplyToTheTell()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, "first");

        Assert.That(await System.AskAsync(echo, "second", Patience), Is.EqualTo("first"));
    }

    [Test]
    public async Task ListenAsync_AfterTell_ReturnsTheReply()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, "told");

        Assert.That(await System.ListenAsync(Patience), Is.EqualTo("told"));
    }

    [Test]
    public async Task ListenAsync_AfterAskAsync_ReturnsTheSecondReply()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, "first");
        _ = await System.AskAsync(echo, "second", Patience);

        Assert.That(await System.ListenAsync(Patience), Is.EqualTo("second"));
    }

    [Test]
    public async Task ListenAsync_NothingWasSent_ReturnsNullAfterTheTimeout()
    {
        _ = System.CreateActor<EchoActor>();

        Assert.That(await System.ListenAsync(Brief), Is.Null);
    }

    [Test]
    public void ListenAsync_CancelledWhileAWakeupIsPending_ThrowsOperationCanceledException()
    {
        var sleeper = System.CreateActor<LateSleeper>();
        Assert.That(System.Ask(sleeper, "arm", Patience), Is.EqualTo("armed"));
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(Brief);

        Assert.CatchAsync<OperationCanceledException>(
            () => System.ListenAsync(TimeSpan.FromMinutes(5), cancellation.Token));
    }

    [Test]
    public void AskAsync_TokenAlreadyCancelled_ThrowsOperationCanceledException()
    {
        var echo = System.CreateActor<EchoActor>();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.CatchAsync<OperationCanceledException>(
            () => System.AskAsync(echo, "sent anyway", Patience, cancellation.Token));
    }

    [Test]
    public void AskAsync_TokenAlreadyCancelled_NothingIsSent()
    {
        var echo = System.CreateActor<EchoActor>();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.CatchAsync<OperationCanceledException>(
            () => System.AskAsync(echo, "never sent", Patience, cancellation.Token));

        Assert.Multiple(() =>
        {
            Assert.That(System.Listen(Brief), Is.Null);
            Assert.That(AskFor<ThespianActorStatus>(echo, new ThespianStatusRequest()).MessagesReceived, Is.Zero);
        });
    }

    [Test]
    public void ListenAsync_TokenAlreadyCancelled_ThrowsOperationCanceledException()
    {
        var echo = System.CreateActor<EchoActor>();
        System.Tell(echo, "waiting");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => System.ListenAsync(Patience, cancellation.Token));
    }

    [Test]
    public async Task ListenAsync_AfterACancelledListen_StillReceivesLaterReplies()
    {
        var sleeper = System.CreateActor<LateSleeper>();
        Assert.That(System.Ask(sleeper, "arm", Patience), Is.EqualTo("armed"));
        using (var cancellation = new CancellationTokenSource())
        {
            cancellation.CancelAfter(Brief);
            Assert.CatchAsync<OperationCanceledException>(
                () => System.ListenAsync(TimeSpan.FromMinutes(5), cancellation.Token));
        }

        System.Tell(sleeper, "after");

        Assert.That(await System.ListenAsync(Patience), Is.EqualTo("after"));
    }
}
