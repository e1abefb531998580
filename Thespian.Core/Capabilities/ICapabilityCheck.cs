namespace Thespian;

/// <summary>
/// Implemented by an actor type that decides for itself whether a system can run it. The check runs
/// before the actor is created (and again when the system's capabilities change); an actor type may
/// also carry <see cref="RequireCapabilityAttribute"/>s, and all of them must pass.
/// Python name: <c>actorSystemCapabilityCheck</c>.
/// </summary>
public interface ICapabilityCheck
{
    /// <summary>Whether a system with <paramref name="capabilities"/> can run this actor.</summary>
    /// <param name="capabilities">The capabilities of the system that would run the actor.</param>
    /// <param name="requirements">The <c>targetActorRequirements</c> given to <c>CreateActor</c>.</param>
    /// <returns>True to allow the actor to run in that system.</returns>
    static abstract bool ActorSystemCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities,
                                                    object? requirements);
}
