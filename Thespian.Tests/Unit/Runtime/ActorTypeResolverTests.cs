using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

public sealed class ActorTypeResolverTests
{
    public sealed class Resolvable : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    public sealed class NotAnActor;

    [Test]
    public void Resolve_NamespaceQualifiedNestedName_FindsTheTypeInALoadedAssembly()
    {
        var name = typeof(Resolvable).FullName!; // "Thespian.Tests.Unit.Runtime.ActorTypeResolverTests+Resolvable"

        Assert.That(ActorTypeResolver.Resolve(name), Is.EqualTo(typeof(Resolvable)));
    }

    [Test]
    public void Resolve_AssemblyQualifiedName_FindsTheType()
    {
        Assert.That(ActorTypeResolver.Resolve(typeof(Resolvable).AssemblyQualifiedName!), Is.EqualTo(typeof(Resolvable)));
    }

    [Test]
    public void Resolve_UnknownName_ThrowsInvalidActorSpecificationNamingItAndWhereItLooked()
    {
        var ex = Assert.Throws<InvalidActorSpecificationException>(() => ActorTypeResolver.Resolve("No.Such.Actor"));

        Assert.That(ex!.Message, Does.Contain("'No.Such.Actor'").And.Contain("actor path").And.Contain(AppContext.BaseDirectory));
    }

    [Test]
    public void Resolve_NameOfATypeThatIsNotAnActor_ThrowsInvalidActorSpecification()
    {
        var ex = Assert.Throws<InvalidActorSpecificationException>(() => ActorTypeResolver.Resolve(typeof(NotAnActor).FullName!));

        Assert.That(ex!.Message, Does.Contain(typeof(NotAnActor).FullName).And.Contain("does not derive from Thespian.Actor"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void ActorSpecFor_BlankName_ThrowsInvalidActorSpecification(string name)
    {
        Assert.Throws<InvalidActorSpecificationException>(() => ActorSpec.For(name));
    }

    [Test]
    public void ActorSpecFor_NameWithSurroundingSpaces_IsTrimmed()
    {
        Assert.That(ActorSpec.For("  My.Actor  ").TypeName, Is.EqualTo("My.Actor"));
    }
}
