using System.Diagnostics;

namespace Thespian.Tests.Diagnostics;

/// <summary>Asks a <see cref="MeteredActor"/> for what the meter has measured in its process.</summary>
public sealed record MeterCounts;

/// <summary>Asks a <see cref="MeteredActor"/> to send a message to a child whose constructor throws (a dead letter where it runs).</summary>
public sealed record SendToFailingChild;

/// <summary>
/// An actor that measures its own process: "ping" is answered "pong", "fail" throws (a poison message), and
/// <see cref="MeterCounts"/> is answered with <see cref="ProcessMeters.Snapshot"/> of the process it runs in.
/// </summary>
public sealed class MeteredActor : Actor
{
    static MeteredActor() => ProcessMeters.Start();

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "ping":
                Send(sender, "pong");
                break;
            case "fail":
                throw new InvalidOperationException("failing as asked");
            case MeterCounts:
                Send(sender, ProcessMeters.Snapshot());
                break;
            case SendToFailingChild:
                Send(CreateActor(typeof(ThrowingConstructorActor)), "lost");
                Send(sender, "sent");
                break;
        }
    }
}

/// <summary>An actor that cannot be constructed.</summary>
public sealed class ThrowingConstructorActor : Actor
{
    public ThrowingConstructorActor() => throw new InvalidOperationException("this actor never runs");

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
    }
}

/// <summary>What a traced actor saw of the trace it handled a message in.</summary>
/// <param name="TraceId">The current activity's trace id (empty when there was none).</param>
/// <param name="ParentSpanId">The current activity's parent span id.</param>
/// <param name="OperationName">The current activity's name.</param>
/// <param name="ProcessId">The process the actor ran in.</param>
public sealed record TraceReport(string TraceId, string ParentSpanId, string OperationName, int ProcessId);

/// <summary>Asks an actor to pass <paramref name="Inner"/> to a new child of the type named <paramref name="ChildType"/>.</summary>
public sealed record ViaChild(string ChildType, object Inner);

/// <summary>Asks a <see cref="TracedActor"/> to report its trace to <paramref name="ReplyTo"/>.</summary>
public sealed record ReportTrace(ActorAddress ReplyTo);

/// <summary>
/// Handles a <see cref="ViaChild"/> by creating a child and passing the inner message on; a <see cref="ReportTrace"/> is
/// answered with what the current activity says. Its process listens to Thespian's activities (as an exporter would),
/// so a receive activity exists there.
/// </summary>
public sealed class TracedActor : Actor
{
    private static readonly ActivityListener Listener = SampleThespian();

    static TracedActor() => ActivitySource.AddActivityListener(Listener);

    public override void ReceiveMessage(object message, ActorAddress sender) => TraceRelay.Handle(message, Send, typeName => CreateActor(typeName));

    /// <summary>A listener that samples every Thespian activity.</summary>
    public static ActivityListener SampleThespian() => new()
    {
        ShouldListenTo = source => source.Name == ThespianDiagnostics.ActivitySourceName,
        Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
    };
}

/// <summary>As <see cref="TracedActor"/>, but its process has no listener: it creates no activity and passes the context on.</summary>
public sealed class UntracedRelayActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender) => TraceRelay.Handle(message, Send, typeName => CreateActor(typeName));
}

/// <summary>What <see cref="TracedActor"/> and <see cref="UntracedRelayActor"/> do.</summary>
internal static class TraceRelay
{
    public static void Handle(object message, Action<ActorAddress, object> send, Func<string, ActorAddress> create)
    {
        switch (message)
        {
            case ViaChild via:
                send(create(via.ChildType), via.Inner);
                break;
            case ReportTrace report:
                var activity = Activity.Current;
                send(report.ReplyTo, new TraceReport(activity?.TraceId.ToHexString() ?? "", activity?.ParentSpanId.ToHexString() ?? "",
                                                     activity?.OperationName ?? "", Environment.ProcessId));
                break;
        }
    }
}
