using Moq;
using Thespian.Runtime;

namespace Thespian.Tests.Unit.Runtime;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ActorCellStartTests
{
    private readonly CellHarness _harness = new();

    private sealed class RemembersConstruction : Actor
    {
        public RemembersConstruction()
        {
            AddressInConstructor = MyAddress;
        }

        public ActorAddress AddressInConstructor { get; }

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private sealed class ThrowingConstructor : Actor
    {
        public ThrowingConstructor() => throw new InvalidDataException("no config");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private sealed class SendsFromConstructor : Actor
    {
        public SendsFromConstructor() => Send(MyAddress, "too early");

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    private sealed class CreatesFromConstructor : Actor
    {
        public CreatesFromConstructor() => CreateActor<RemembersConstruction>();

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    [Test]
    public void Start_ConstructorSucceeds_ReturnsNullAndTheCellRunsTheNewInstance()
    {
        var cell = _harness.NewCell<RemembersConstruction>();

        var failure = cell.Start();

        Assert.That(failure, Is.Null);
        Assert.That(cell.State, Is.EqualTo(ActorCellState.Running));
        Assert.That(cell.IsRunning, Is.True);
        Assert.That(cell.Actor, Is.InstanceOf<RemembersConstruction>());
    }

    [Test]
    public void Start_ConstructorReadsMyAddress_SeesTheCellsAddress()
    {
        var cell = _harness.Start<RemembersConstruction>();

        Assert.That(((RemembersConstruction)cell.Actor!).AddressInConstructor, Is.EqualTo(cell.Address));
        Assert.That(cell.Actor!.MyAddress, Is.EqualTo(cell.Address));
    }

    [Test]
    public void Start_ConstructorThrows_ReturnsTheExceptionAndTheCellIsStoppedWithoutAnActor()
    {
        var cell = _harness.NewCell<ThrowingConstructor>();

        var failure = cell.Start();

        Assert.That(failure, Is.InstanceOf<InvalidDataException>().With.Message.EqualTo("no config"));
        Assert.That(cell.State, Is.EqualTo(ActorCellState.Stopped));
        Assert.That(cell.Actor, Is.Null);
    }

    [Test]
    public void Deliver_AfterTheConstructorThrew_IsDeadLettered()
    {
        var cell = _harness.NewCell<ThrowingConstructor>();
        cell.Start();
        var sender = ActorAddress.CreateNew();

        cell.Deliver("hello", sender);

        _harness.Runtime.Verify(r => r.DeadLetter(cell.Address, "hello", sender), Times.Once);
    }

    [Test]
    public void Start_ConstructorSends_FailsWithInvalidOperationExceptionSayingWhy()
    {
        var failure = _harness.NewCell<SendsFromConstructor>().Start();

        Assert.That(failure, Is.InstanceOf<InvalidOperationException>());
        Assert.That(failure!.Message, Does.Contain("Send").And.Contain("constructor").And.Contain(nameof(SendsFromConstructor)));
        _harness.Runtime.Verify(r => r.Send(It.IsAny<ActorCell>(), It.IsAny<ActorAddress>(), It.IsAny<object>()), Times.Never);
    }

    [Test]
    public void Start_ConstructorCreatesAnActor_FailsWithInvalidOperationExceptionSayingWhy()
    {
        var failure = _harness.NewCell<CreatesFromConstructor>().Start();

        Assert.That(failure, Is.InstanceOf<InvalidOperationException>());
        Assert.That(failure!.Message, Does.Contain("CreateActor").And.Contain("constructor"));
    }

    [Test]
    public void Constructor_Always_MakesTheAddressRouteToTheCell()
    {
        var cell = _harness.NewCell<RemembersConstruction>();

        Assert.That(cell.Address.LocalTarget, Is.SameAs(cell));
    }

    [Test]
    public void Actor_CreatedWithNewOutsideASystem_SystemOperationsThrowSayingWhy()
    {
        var loose = new RemembersConstructionOutside();

        var ex = Assert.Throws<InvalidOperationException>(() => loose.SendTo(ActorAddress.CreateNew(), "x"));

        Assert.That(ex!.Message, Does.Contain("not created by an actor system"));
    }

    private sealed class RemembersConstructionOutside : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }

        public void SendTo(ActorAddress target, object message) => Send(target, message);
    }
}
