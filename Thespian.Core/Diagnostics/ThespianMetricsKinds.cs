namespace Thespian.Diagnostics;

/// <summary>The values of the <c>thespian.queue</c> and <c>thespian.process.state</c> tags.</summary>
internal static class ThespianMetricsKinds
{
    /// <summary>The simple base's queue of deliveries.</summary>
    public const string DeliveryQueue = "delivery";

    /// <summary>An actor process's mailbox (messages received, not yet handled).</summary>
    public const string Mailbox = "mailbox";

    /// <summary>A process's outbound queues (messages sent, not yet written to their target).</summary>
    public const string Outbound = "outbound";

    /// <summary>An actor process that runs an actor.</summary>
    public const string ActorProcess = "actor";

    /// <summary>A warm actor process waiting for an actor.</summary>
    public const string IdleProcess = "idle";

    /// <summary>The tag a kind value belongs to.</summary>
    public static string TagFor(string kind) => kind is ActorProcess or IdleProcess
        ? ThespianDiagnostics.ProcessStateTag
        : ThespianDiagnostics.QueueTag;
}
