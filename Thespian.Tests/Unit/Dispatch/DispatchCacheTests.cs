using Thespian.Runtime;

namespace Thespian.Tests.Unit.Dispatch;

public sealed class DispatchCacheTests
{
    private sealed class Handles : ActorTypeDispatcher
    {
        private void ReceiveMsg(Hello message, ActorAddress sender)
        {
        }
    }

    [Test]
    public void For_SameActorType_ReturnsTheSameTable()
    {
        var first = DispatchTable.For(typeof(Handles));
        var second = DispatchTable.For(typeof(Handles));

        Assert.That(second, Is.SameAs(first));
    }

    [Test]
    public void For_DifferentActorTypes_ReturnsDifferentTables()
    {
        Assert.That(DispatchTable.For(typeof(Handles)), Is.Not.SameAs(DispatchTable.For(typeof(RecordingDispatcherStub))));
    }

    [Test]
    public void Lookup_SameMessageTypeTwice_ReturnsTheSameArrayInstance()
    {
        var table = DispatchTable.For(typeof(Handles));

        var first = table.Lookup(typeof(LoudHello));
        var second = table.Lookup(typeof(LoudHello));

        Assert.That(second, Is.SameAs(first));
        Assert.That(first, Has.Length.EqualTo(1));
    }

    [Test]
    public void Lookup_TypeWithoutHandlers_IsCachedToo()
    {
        var table = DispatchTable.For(typeof(Handles));

        var first = table.Lookup(typeof(Unknown));

        Assert.That(first, Is.Empty);
        Assert.That(table.Lookup(typeof(Unknown)), Is.SameAs(first));
    }

    private sealed class RecordingDispatcherStub : RecordingDispatcher;
}
