using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

public sealed class ActorTypeInfoTests
{
    private sealed class Valid : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private abstract class AbstractActor : Actor;

    private sealed class GenericActor<T> : Actor
    {
        public T? Last { get; private set; }

        public override void ReceiveMessage(object message, ActorAddress sender) => Last = message is T t ? t : Last;
    }

    private sealed class NeedsArgument(string name) : Actor
    {
        public string Name { get; } = name;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private sealed class PrivateConstructor : Actor
    {
        private PrivateConstructor()
        {
        }

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Troupe(MaxCount = 0)]
    private sealed class NoWorkers : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Troupe(IdleCount = -1)]
    private sealed class NegativeIdle : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Troupe(MaxCount = 3, IdleCount = 1)]
    private class SmallTroupe : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private sealed class InheritsTroupe : SmallTroupe;

    [Troupe]
    private sealed class DefaultTroupe : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private static InvalidActorSpecificationException Refused(Type type) =>
        Assert.Throws<InvalidActorSpecificationException>(() => ActorTypeInfo.Get(type))!;

    [Test]
    public void Get_TypeThatIsNotAnActor_ThrowsNamingTheTypeAndTheReason()
    {
        var ex = Refused(typeof(string));

        Assert.That(ex.Message, Does.Contain("System.String").And.Contain("does not derive from Thespian.Actor"));
    }

    [Test]
    public void Get_AbstractActor_ThrowsNamingTheTypeAndTheReason()
    {
        var ex = Refused(typeof(AbstractActor));

        Assert.That(ex.Message, Does.Contain(typeof(AbstractActor).FullName).And.Contain("abstract"));
    }

    [Test]
    public void Get_ActorTypeDispatcherItself_ThrowsBecauseItIsAbstract()
    {
        var ex = Refused(typeof(ActorTypeDispatcher));

        Assert.That(ex.Message, Does.Contain("Thespian.ActorTypeDispatcher").And.Contain("abstract"));
    }

    [Test]
    public void Get_OpenGenericActor_ThrowsNamingTheTypeAndTheReason()
    {
        var ex = Refused(typeof(GenericActor<>));

        Assert.That(ex.Message, Does.Contain(typeof(GenericActor<>).FullName).And.Contain("open generic"));
    }

    [Test]
    public void Get_ClosedGenericActor_IsAccepted()
    {
        Assert.That(ActorTypeInfo.Get(typeof(GenericActor<int>)).Type, Is.EqualTo(typeof(GenericActor<int>)));
    }

    [Test]
    public void Get_NoParameterlessConstructor_ThrowsNamingTheTypeAndTheReason()
    {
        var ex = Refused(typeof(NeedsArgument));

        Assert.That(ex.Message, Does.Contain(typeof(NeedsArgument).FullName).And.Contain("no parameterless constructor"));
    }

    [Test]
    public void Get_TroupeWithMaxCountZero_ThrowsNamingTheTypeAndTheLimit()
    {
        var ex = Refused(typeof(NoWorkers));

        Assert.That(ex.Message, Does.Contain(typeof(NoWorkers).FullName).And.Contain("MaxCount=0").And.Contain("at least 1"));
    }

    [Test]
    public void Get_TroupeWithNegativeIdleCount_ThrowsNamingTheTypeAndTheLimit()
    {
        var ex = Refused(typeof(NegativeIdle));

        Assert.That(ex.Message, Does.Contain(typeof(NegativeIdle).FullName).And.Contain("IdleCount=-1").And.Contain("at least 0"));
    }

    [Test]
    public void Get_InvalidType_IsAnActorSystemException()
    {
        Assert.That(Refused(typeof(object)), Is.InstanceOf<ActorSystemException>());
    }

    [Test]
    public void Get_PrivateParameterlessConstructor_IsAcceptedAndCanCreateInstances()
    {
        var info = ActorTypeInfo.Get(typeof(PrivateConstructor));

        Assert.That(info.CreateInstance(), Is.InstanceOf<PrivateConstructor>());
    }

    [Test]
    public void Get_NullType_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ActorTypeInfo.Get(null!));
    }

    [Test]
    public void Get_SameTypeTwice_ReturnsTheSameInstance()
    {
        var first = ActorTypeInfo.Get(typeof(Valid));
        var second = ActorTypeInfo.Get(typeof(Valid));

        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void Troupe_NoAttribute_IsNull()
    {
        Assert.That(ActorTypeInfo.Get(typeof(Valid)).Troupe, Is.Null);
    }

    [Test]
    public void Troupe_AttributeWithLimits_IsRead()
    {
        var troupe = ActorTypeInfo.Get(typeof(SmallTroupe)).Troupe;

        Assert.That(troupe, Is.Not.Null);
        Assert.That(troupe!.MaxCount, Is.EqualTo(3));
        Assert.That(troupe.IdleCount, Is.EqualTo(1));
    }

    [Test]
    public void Troupe_AttributeOnBaseClass_IsInherited()
    {
        var troupe = ActorTypeInfo.Get(typeof(InheritsTroupe)).Troupe;

        Assert.That(troupe?.MaxCount, Is.EqualTo(3));
    }

    [Test]
    public void Troupe_AttributeWithoutLimits_HasTheDefaultsTenAndTwo()
    {
        var troupe = ActorTypeInfo.Get(typeof(DefaultTroupe)).Troupe;

        Assert.That(troupe?.MaxCount, Is.EqualTo(10));
        Assert.That(troupe?.IdleCount, Is.EqualTo(2));
    }

    [Test]
    public void Type_AnyValidActor_IsTheTypeAskedFor()
    {
        Assert.That(ActorTypeInfo.Get(typeof(Valid)).Type, Is.EqualTo(typeof(Valid)));
    }
}
