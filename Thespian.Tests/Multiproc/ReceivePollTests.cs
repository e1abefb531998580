using Thespian.Bases.MultiprocTcp;
using Thespian.Multiproc;
using Thespian.Sockets;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// The capability "Receive Poll Microseconds" (how long a busy connection polls before its thread blocks) changes how
/// processes wait, never what arrives: with polling off, on, long, and changed while the system runs, a sequence between
/// two actor processes arrives whole and in order, and asks are answered.
/// </summary>
public sealed class ReceivePollTests : MultiprocFixture
{
    private const int Count = 5_000;

    [TestCase(0)]
    [TestCase(100)]
    [TestCase(5_000)]
    public void ReceivePoll_AnySetting_MessagesArriveWholeAndInOrder(int microseconds)
    {
        var system = StartSystem(new Dictionary<string, object?> { [ReceivePollSetting.Capability] = microseconds });

        AssertTrafficIntact(system);
    }

    [Test]
    public void UpdateCapability_ReceivePoll_RunningSystemKeepsDelivering()
    {
        var system = StartSystem();
        AssertTrafficIntact(system);

        foreach (var microseconds in new[] { 0, 2_000, 100 })
        {
            system.UpdateCapability(ReceivePollSetting.Capability, microseconds);
            AssertTrafficIntact(system);
        }
    }

    private static void AssertTrafficIntact(ActorSystem system)
    {
        var checker = system.CreateActor<SequenceChecker>();
        var relay = system.CreateActor<Relay>();
        var counter = system.CreateActor<CountingActor>();

        for (var i = 0; i < 200; i++)
        {
            Assert.That(system.Ask(counter, "count", Patience), Is.EqualTo(0), $"ask {i}");
        }

        system.Tell(relay, new RelayOrder(checker, Count, system.EndpointAddress));
        Assert.That(ListenFor<string>(system), Is.EqualTo($"ok {Count}"));
    }
}
