namespace Thespian.Runtime;

/// <summary>Delivery rules every base applies the same way.</summary>
internal static class DeliveryRules
{
    /// <summary>
    /// Whether a message reaches an application's endpoint (Ask/Listen): application messages, poison returns
    /// and status answers do; other system messages are the actors' business (guide §7).
    /// </summary>
    public static bool ReachesApplication(object message) =>
        message is not ActorSystemMessage or PoisonMessage or ThespianSystemStatus or ThespianActorStatus;

    /// <summary>
    /// Whether an undeliverable message becomes a dead letter: a <see cref="ChildActorExited"/> for a parent that
    /// has gone has nobody left to care, and an undeliverable <see cref="DeadEnvelope"/> would only go round again.
    /// </summary>
    public static bool IsWorthADeadLetter(object message) => message is not (ChildActorExited or DeadEnvelope);
}
