using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Thespian.Diagnostics;

/// <summary>
/// Thespian's meter and its instruments (docs/observability.md lists them). Every process has its own. Callers on hot
/// paths check an instrument's <c>Enabled</c> first, so that without a listener a measurement costs one field read.
/// </summary>
internal static class ThespianMetrics
{
    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(ThespianDiagnostics.MeterName, typeof(ThespianMetrics).Assembly.GetName().Version?.ToString());

    /// <summary>Messages sent by actors (<c>Send</c>) and by the application (<c>Tell</c>, <c>Ask</c>).</summary>
    public static readonly Counter<long> MessagesSent =
        Meter.CreateCounter<long>("thespian.messages.sent", "{message}", "Messages sent by actors (Send) and by the application (Tell, Ask).");

    /// <summary>Messages handed to actors' <c>ReceiveMessage</c> (status requests not counted).</summary>
    public static readonly Counter<long> MessagesReceived =
        Meter.CreateCounter<long>("thespian.messages.received", "{message}", "Messages handed to an actor's ReceiveMessage in this process.");

    /// <summary>Messages this process found undeliverable and made dead letters.</summary>
    public static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("thespian.dead_letters", "{message}", "Messages this process found undeliverable (dead letters).");

    /// <summary>Messages an actor failed on twice, returned to their sender as a PoisonMessage.</summary>
    public static readonly Counter<long> PoisonMessages =
        Meter.CreateCounter<long>("thespian.poison_messages", "{message}", "Messages an actor failed on twice, returned as PoisonMessage.");

    /// <summary>How long <c>ActorSystem.CreateActor</c>/<c>CreateActorAsync</c> took, until the actor ran (or failed).</summary>
    public static readonly Histogram<double> CreateActorDuration =
        Meter.CreateHistogram<double>("thespian.actor.create.duration", "s", "How long ActorSystem.CreateActor took, until the actor ran.");

    /// <summary>Sends that waited because the target's queue was full (back-pressure).</summary>
    public static readonly Counter<long> BackPressureWaits =
        Meter.CreateCounter<long>("thespian.backpressure.waits", "{wait}", "Sends that waited because the target's outbound queue was full.");

    static ThespianMetrics()
    {
        Meter.CreateObservableUpDownCounter("thespian.actors.alive", ActorsAlive.Observe, "{actor}",
                                            "Actors running in this process.");
        Meter.CreateObservableUpDownCounter("thespian.actor_processes", ActorProcesses.Observe, "{process}",
                                            "Actor processes this admin supervises (running an actor, or idle and warm).");
        Meter.CreateObservableGauge("thespian.queue.depth", QueueDepths.Observe, "{message}",
                                    "Messages waiting in this process's queues (deliveries, mailboxes, outbound queues).");
    }

    /// <summary>Actors running in this process, by base and actor type.</summary>
    public static GaugeRegistry ActorsAlive { get; } = new();

    /// <summary>Actor processes (fed by the admin).</summary>
    public static GaugeRegistry ActorProcesses { get; } = new();

    /// <summary>Queues whose depth is observed.</summary>
    public static GaugeRegistry QueueDepths { get; } = new();

    /// <summary>Counts a message sent (with the sending actor's type when an actor sent it).</summary>
    public static void MessageSent(string baseName, string? actorType) => Count(MessagesSent, baseName, actorType);

    /// <summary>Counts a message received by an actor.</summary>
    public static void MessageReceived(string baseName, string actorType) => Count(MessagesReceived, baseName, actorType);

    /// <summary>Counts a dead letter.</summary>
    public static void DeadLetter(string baseName) => Count(DeadLetters, baseName, actorType: null);

    /// <summary>Counts a poison message.</summary>
    public static void Poisoned(string baseName, string actorType) => Count(PoisonMessages, baseName, actorType);

    /// <summary>Counts a send that waited for room in a full queue.</summary>
    public static void BackPressureWait(string baseName) => Count(BackPressureWaits, baseName, actorType: null);

    /// <summary>Records how long a create took since <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void ActorCreated(string baseName, string actorType, long started, Exception? failure)
    {
        if (!CreateActorDuration.Enabled)
        {
            return;
        }

        var tags = Tags(baseName, actorType);
        if (failure is not null)
        {
            tags.Add(ThespianDiagnostics.ErrorTypeTag, failure.GetType().Name);
        }

        CreateActorDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    /// <summary>Adds one to <paramref name="counter"/>; without a listener, only its <c>Enabled</c> flag is read.</summary>
    private static void Count(Counter<long> counter, string baseName, string? actorType)
    {
        if (counter.Enabled)
        {
            counter.Add(1, Tags(baseName, actorType));
        }
    }

    private static TagList Tags(string baseName, string? actorType)
    {
        var tags = new TagList { { ThespianDiagnostics.BaseTag, baseName } };
        if (actorType is not null)
        {
            tags.Add(ThespianDiagnostics.ActorTypeTag, actorType);
        }

        return tags;
    }
}
