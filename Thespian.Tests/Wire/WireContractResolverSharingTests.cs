using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Wire;

/// <summary>
/// Contracts for types every allow-list allows (Thespian's records, the framework's primitives and collections) are
/// built once per process and shared by every resolver, so a system joined later in a process does not build them
/// again; contracts for actor-path types stay with the resolver that built them, and every resolver still applies its
/// own allow-list.
/// </summary>
public sealed class WireContractResolverSharingTests
{
    [TestCase(typeof(ControlReply))]
    [TestCase(typeof(SystemInfoReply))]
    [TestCase(typeof(Dictionary<string, object?>))]
    [TestCase(typeof(int[]))]
    public void ResolveContract_TypeEveryAllowListAllows_IsOneContractForEveryResolver(Type type)
    {
        var first = new WireContractResolver(WireTestSerializers.AllowingTestAssembly());
        var second = new WireContractResolver(TypeAllowList.ThespianOnly);

        Assert.That(second.ResolveContract(type), Is.SameAs(first.ResolveContract(type)));
    }

    [Test]
    public void ResolveContract_ActorPathType_StaysWithTheResolverThatBuiltIt()
    {
        var first = new WireContractResolver(WireTestSerializers.AllowingTestAssembly());
        var second = new WireContractResolver(WireTestSerializers.AllowingTestAssembly());

        Assert.That(second.ResolveContract(typeof(Order)), Is.Not.SameAs(first.ResolveContract(typeof(Order))));
        Assert.That(second.ResolveContract(typeof(List<Order>)), Is.Not.SameAs(first.ResolveContract(typeof(List<Order>))));
    }

    [Test]
    public void ResolveContract_TypeAnotherResolverAllowed_IsStillRefusedWhereItIsNotAllowed()
    {
        _ = new WireContractResolver(WireTestSerializers.AllowingTestAssembly()).ResolveContract(typeof(Order));

        var thespianOnly = new WireContractResolver(TypeAllowList.ThespianOnly);

        Assert.Throws<DisallowedTypeException>(() => thespianOnly.ResolveContract(typeof(Order)));
    }

    [Test]
    public void RoundTrip_ControlRecordsThroughFreshSerializers_ArriveIntact()
    {
        var address = ActorAddress.CreateNew();
        var reply = new ControlReply(7, Address: address, Endpoint: "127.0.0.1:1234");

        var sent = WireTestSerializers.Create().Serialize(reply);
        var arrived = WireTestSerializers.Create().Deserialize(sent);

        Assert.That(arrived, Is.InstanceOf<ControlReply>());
        var received = (ControlReply)arrived;
        Assert.Multiple(() =>
        {
            Assert.That(received.RequestId, Is.EqualTo(7));
            Assert.That(received.Address, Is.EqualTo(address));
            Assert.That(received.Endpoint, Is.EqualTo("127.0.0.1:1234"));
        });
    }
}
