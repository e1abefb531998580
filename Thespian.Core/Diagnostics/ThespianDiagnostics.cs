namespace Thespian;

/// <summary>
/// The names under which Thespian publishes its metrics (a <see cref="System.Diagnostics.Metrics.Meter"/>) and traces
/// (an <see cref="System.Diagnostics.ActivitySource"/>), for listeners and exporters, e.g. OpenTelemetry's
/// <c>AddMeter(ThespianDiagnostics.MeterName)</c> and <c>AddSource(ThespianDiagnostics.ActivitySourceName)</c>.
/// Every process of a system (the application, the admin, each actor process) has its own meter and source.
/// </summary>
public static class ThespianDiagnostics
{
    /// <summary>The name of Thespian's meter: <c>"Thespian"</c>.</summary>
    public const string MeterName = "Thespian";

    /// <summary>The name of Thespian's activity source: <c>"Thespian"</c>.</summary>
    public const string ActivitySourceName = "Thespian";

    /// <summary>The tag naming the system base (<c>simpleSystemBase</c>, <c>multiprocTCPBase</c>, …) on every measurement and activity.</summary>
    public const string BaseTag = "thespian.base";

    /// <summary>The tag naming the actor's type (its full name) where it is known.</summary>
    public const string ActorTypeTag = "thespian.actor.type";

    /// <summary>The tag naming the message's type on activities.</summary>
    public const string MessageTypeTag = "thespian.message.type";

    /// <summary>The tag naming which queue a <c>thespian.queue.depth</c> measurement is of.</summary>
    public const string QueueTag = "thespian.queue";

    /// <summary>The tag saying what an actor process is doing (<c>actor</c>: runs one; <c>idle</c>: a warm spare).</summary>
    public const string ProcessStateTag = "thespian.process.state";

    /// <summary>The tag set when an operation failed: the exception's type name.</summary>
    public const string ErrorTypeTag = "error.type";
}
