using Thespian.Runtime;

namespace Thespian.Tests.Unit.Dispatch;

public sealed class ActorTypeChainTests
{
    private class Grandparent : ActorTypeDispatcher;

    private class Parent : Grandparent;

    private sealed class Child : Parent;

    [Test]
    public void ActorTypeChain_ThreeLevels_MostDerivedFirstDownToActorTypeDispatcher()
    {
        Assert.That(DispatchTable.ActorTypeChain(typeof(Child)), Is.EqualTo(Seq.Of(
            typeof(Child), typeof(Parent), typeof(Grandparent), typeof(ActorTypeDispatcher))));
    }

    [Test]
    public void ActorTypeChain_AnyDispatcher_StopsBeforeActorAndObject()
    {
        var chain = DispatchTable.ActorTypeChain(typeof(Child));

        Assert.That(chain, Does.Not.Contain(typeof(Actor)));
        Assert.That(chain, Does.Not.Contain(typeof(object)));
    }
}
