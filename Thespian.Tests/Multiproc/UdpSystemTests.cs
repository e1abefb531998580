namespace Thespian.Tests.Multiproc;

/// <summary>Sends back whatever it receives.</summary>
public sealed class BounceActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is not ActorSystemMessage)
        {
            Send(sender, message);
        }
    }
}

/// <summary>
/// multiprocUDPBase as a whole: an application starts a system (its admin on a UDP port), creates actors that run in
/// processes of their own, talks to them over UDP — in order, at any size — and shutdown leaves no process behind.
/// </summary>
public sealed class UdpSystemTests : MultiprocFixture
{
    protected override string SystemBaseName => SystemBaseNames.MultiprocUdp;

    [Test]
    public void CreateActor_AndAsk_TheActorAnswersFromAProcessOfItsOwn()
    {
        var system = StartSystem();
        var actor = system.CreateActor<PidActor>();

        var pid = PidOf(system, actor);

        Assert.That(system.SystemBaseName, Is.EqualTo(SystemBaseNames.MultiprocUdp));
        Assert.That(pid, Is.Not.EqualTo(Environment.ProcessId));
        Assert.That(TrackProcessesOf(system).HostProcessIds, Does.Contain(pid));
    }

    [Test]
    public void Tell_ManyMessagesFromActorToActor_ArriveCompleteAndInOrder()
    {
        const int Count = 100_000;
        var system = StartSystem();
        var checker = system.CreateActor<SequenceChecker>();
        var relay = system.CreateActor<Relay>();

        system.Tell(relay, new RelayOrder(checker, Count, system.EndpointAddress));

        Assert.That(system.Listen(LongPatience), Is.EqualTo($"ok {Count}"));
    }

    [Test]
    public void Ask_LargeMessage_ComesBackWhole()
    {
        var system = StartSystem();
        var bounce = system.CreateActor<BounceActor>();
        var payload = Enumerable.Range(0, 3 * 1024 * 1024).Select(i => (byte)(i * 7)).ToArray();

        var back = AskFor<byte[]>(system, bounce, payload);

        Assert.That(back, Is.EqualTo(payload));
    }
}
