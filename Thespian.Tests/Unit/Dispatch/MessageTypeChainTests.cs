using Thespian.Runtime;

namespace Thespian.Tests.Unit.Dispatch;

public sealed class MessageTypeChainTests
{
    [Test]
    public void MessageTypeChain_ClassWithBasesAndInterfaces_ClassesThenInterfacesThenObject()
    {
        var chain = DispatchTable.MessageTypeChain(typeof(LoudHello));

        Assert.That(chain, Has.Count.EqualTo(7));
        Assert.That(chain.Take(3), Is.EqualTo(Seq.Of(typeof(LoudHello), typeof(Hello), typeof(BaseMessage))));
        Assert.That(chain.Skip(3).Take(3), Is.EquivalentTo(Seq.Of(typeof(IGreeting), typeof(ITagged), typeof(IMessage))));
        Assert.That(chain[6], Is.EqualTo(typeof(object)));
    }

    [Test]
    public void MessageTypeChain_InterfaceAndItsBaseInterface_MoreDerivedInterfaceComesFirst()
    {
        var chain = DispatchTable.MessageTypeChain(typeof(Hello)).ToList();

        Assert.That(chain.IndexOf(typeof(IGreeting)), Is.LessThan(chain.IndexOf(typeof(IMessage))));
    }

    [Test]
    public void MessageTypeChain_AnyClass_EveryBaseClassComesBeforeEveryInterface()
    {
        var chain = DispatchTable.MessageTypeChain(typeof(LoudHello)).ToList();
        var lastClass = chain.FindLastIndex(t => t.IsClass && t != typeof(object));
        var firstInterface = chain.FindIndex(t => t.IsInterface);

        Assert.That(lastClass, Is.LessThan(firstInterface));
    }

    [Test]
    public void MessageTypeChain_AnyType_EndsWithObjectExactlyOnce()
    {
        var chain = DispatchTable.MessageTypeChain(typeof(Hello));

        Assert.That(chain[^1], Is.EqualTo(typeof(object)));
        Assert.That(chain.Count(t => t == typeof(object)), Is.EqualTo(1));
    }

    [Test]
    public void MessageTypeChain_Object_IsJustObject()
    {
        Assert.That(DispatchTable.MessageTypeChain(typeof(object)), Is.EqualTo(Seq.Of(typeof(object))));
    }

    [Test]
    public void MessageTypeChain_Int_StartsWithIntAndValueTypeAndIncludesItsInterfaces()
    {
        var chain = DispatchTable.MessageTypeChain(typeof(int));

        Assert.That(chain.Take(2), Is.EqualTo(Seq.Of(typeof(int), typeof(ValueType))));
        Assert.That(chain, Does.Contain(typeof(IComparable<int>)));
        Assert.That(chain[^1], Is.EqualTo(typeof(object)));
    }

    [Test]
    public void MessageTypeChain_InterfaceOnBaseClass_IsIncluded()
    {
        var chain = DispatchTable.MessageTypeChain(typeof(BaseMessage));

        Assert.That(chain, Is.EqualTo(Seq.Of(typeof(BaseMessage), typeof(IMessage), typeof(object))));
    }
}
