namespace Thespian.Tests.Behaviour;

[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class AskTellTests(string systemBase) : BaseFixture(systemBase)
{
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
}
