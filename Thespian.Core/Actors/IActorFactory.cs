namespace Thespian;

/// <summary>
/// Constructs actors for a system, in place of their parameterless constructor: the seam for dependency injection
/// (Thespian.Hosting constructs actors through <c>ActivatorUtilities</c>). Which factory an actor gets: the one its
/// system was started with (simple base, <see cref="ActorSystem(string?, IDictionary{string, object?}?, LogDefs?, bool, IActorFactory?)"/>),
/// else the one its assembly names with <see cref="ActorFactoryAttribute"/> (every base, and the only way in a
/// multiproc actor process), else the parameterless constructor.
/// </summary>
/// <remarks>
/// <see cref="CreateActor"/> runs on the thread that starts the actor, inside the system's own start of it: it must
/// construct a new instance of the type asked for there and then (the instance finds its place in the
/// system from its base constructor), never return an instance made elsewhere. Thespian's own internal actors
/// (troupe managers) never reach a factory.
/// </remarks>
public interface IActorFactory
{
    /// <summary>Constructs a new actor of <paramref name="actorType"/>.</summary>
    /// <param name="actorType">A concrete <see cref="Actor"/> type.</param>
    /// <returns>The new actor, or null to construct it with its parameterless constructor.</returns>
    Actor? CreateActor(Type actorType);
}
