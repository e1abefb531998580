namespace Thespian;

/// <summary>
/// Asks for status. Sent to <see cref="ActorSystem.SystemAddress"/> it is answered with a
/// <see cref="ThespianSystemStatus"/>; sent to an actor's address it is answered with that actor's
/// <see cref="ThespianActorStatus"/> by the system (the actor's code never sees it).
/// Python name: <c>Thespian_StatusReq</c>.
/// </summary>
public sealed class ThespianStatusRequest : ActorSystemMessage
{
}
