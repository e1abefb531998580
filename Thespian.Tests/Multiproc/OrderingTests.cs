namespace Thespian.Tests.Multiproc;

/// <summary>Many messages between processes arrive, all of them, in the order sent.</summary>
public sealed class OrderingTests : MultiprocFixture
{
    private const int Count = 10_000;

    [Test]
    public void Tell_TenThousandMessagesFromTheApplication_ReceivedInOrder()
    {
        var system = StartSystem();
        var checker = system.CreateActor<SequenceChecker>();

        for (var i = 0; i < Count; i++)
        {
            system.Tell(checker, i);
        }

        Assert.That(system.Ask(checker, "report", Patience), Is.EqualTo($"ok {Count}"));
    }

    [Test]
    public void Send_TenThousandMessagesFromAnotherActorsProcess_ReceivedInOrder()
    {
        var system = StartSystem();
        var checker = system.CreateActor<SequenceChecker>();
        var relay = system.CreateActor<Relay>();

        system.Tell(relay, new RelayOrder(checker, Count, system.EndpointAddress));

        Assert.That(system.Listen(Patience), Is.EqualTo($"ok {Count}"));
    }
}
