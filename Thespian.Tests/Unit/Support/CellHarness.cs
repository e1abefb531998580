using Moq;
using Thespian.Runtime;

namespace Thespian.Tests.Unit;

/// <summary>
/// Runs one <see cref="ActorCell"/> against a mocked <see cref="IActorRuntime"/>: the seam between an
/// actor's life (the unit under test) and the base that would schedule it. Only the runtime is mocked;
/// the cell, the actor type info and the actor itself are the real ones.
/// </summary>
internal sealed class CellHarness
{
    public CellHarness()
    {
        Runtime.SetupGet(r => r.Logging).Returns(ThespianLogging.Disabled);
        Runtime.SetupGet(r => r.SystemAddress).Returns(SystemAddress);
        Runtime.SetupGet(r => r.BaseName).Returns("unitTestRuntime");
    }

    /// <summary>The mocked base (loose: unconfigured calls are recorded and do nothing).</summary>
    public Mock<IActorRuntime> Runtime { get; } = new(MockBehavior.Loose);

    /// <summary>The address the mocked base reports as the system's own.</summary>
    public ActorAddress SystemAddress { get; } = ActorAddress.CreateNew();

    /// <summary>Makes a cell for <typeparamref name="TActor"/> without starting it.</summary>
    public ActorCell NewCell<TActor>(ActorAddress? parent = null, ActorAddress? troupeLeader = null)
        where TActor : Actor => NewCell(typeof(TActor), parent, troupeLeader);

    /// <summary>Makes a cell for <paramref name="actorType"/> without starting it.</summary>
    public ActorCell NewCell(Type actorType, ActorAddress? parent = null, ActorAddress? troupeLeader = null) =>
        new(Runtime.Object, ActorAddress.CreateNew(), ActorTypeInfo.Get(actorType), parent,
            globalName: null, sourceHash: null, troupeLeader);

    /// <summary>Makes and starts a cell; fails the test if the actor's constructor threw.</summary>
    public ActorCell Start<TActor>(ActorAddress? parent = null, ActorAddress? troupeLeader = null)
        where TActor : Actor => Start(typeof(TActor), parent, troupeLeader);

    /// <summary>Makes and starts a cell for <paramref name="actorType"/>; fails the test if its constructor threw.</summary>
    public ActorCell Start(Type actorType, ActorAddress? parent = null, ActorAddress? troupeLeader = null)
    {
        var cell = NewCell(actorType, parent, troupeLeader);
        var failure = cell.Start();
        if (failure is not null)
        {
            Assert.Fail($"{actorType.Name} did not start: {failure}");
        }

        return cell;
    }

    /// <summary>Starts a cell and returns the actor instance it runs (for calling it directly).</summary>
    public TActor StartActor<TActor>()
        where TActor : Actor => (TActor)Start<TActor>().Actor!;
}
