namespace Thespian.Tests.Multiproc;

// The actors of the process-level tests. They live in the test assembly, which is on the actor path of
// every admin these tests start (the test folder): the peer process (Thespian.Tests.Peer) creates them by
// their namespace-qualified names, the tests by type.

/// <summary>Answers "pid" with the id of the process it runs in (an <see cref="int"/>).</summary>
public sealed class PidActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is "pid")
        {
            Send(sender, Environment.ProcessId);
        }
    }
}

/// <summary>What a <see cref="ParentActor"/> reports for each <see cref="ChildActorExited"/> it gets.</summary>
public sealed record ChildExitSeen(ActorAddress Child);

/// <summary>
/// "make-child" creates a <see cref="PidActor"/> child, answers its address, and makes the sender the
/// one told (as <see cref="ChildExitSeen"/>) when a child exits; "pid" answers its process id.
/// </summary>
public sealed class ParentActor : Actor
{
    private ActorAddress? _reporter;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "make-child":
                _reporter = sender;
                Send(sender, CreateActor<PidActor>());
                break;
            case "pid":
                Send(sender, Environment.ProcessId);
                break;
            case ChildActorExited exited when _reporter is not null:
                Send(_reporter, new ChildExitSeen(exited.ChildAddress));
                break;
        }
    }
}

/// <summary>A troupe worker's answer: the process it runs in, and its own address.</summary>
public sealed record WorkerPid(int ProcessId, ActorAddress Worker);

/// <summary>A troupe whose workers stay busy after "busy-pid" (so each new job needs another worker) and answer <see cref="WorkerPid"/>.</summary>
[Troupe(MaxCount = 3, IdleCount = 1)]
public sealed class PidTroupeWorker : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is "busy-pid")
        {
            TroupeWorkInProgress = true;
            Send(sender, new WorkerPid(Environment.ProcessId, MyAddress));
        }
    }
}

/// <summary>
/// State for named-actor tests: "set:&lt;value&gt;" stores the value and answers "ok"; "get" answers
/// "state=&lt;value&gt;;self=&lt;its address&gt;;pid=&lt;its process id&gt;" (a string, so any process can print it).
/// </summary>
public sealed class StateActor : Actor
{
    private string _state = "(unset)";

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case string text when text.StartsWith("set:", StringComparison.Ordinal):
                _state = text["set:".Length..];
                Send(sender, "ok");
                break;
            case "get":
                Send(sender, $"state={_state};self={MyAddress};pid={Environment.ProcessId}");
                break;
        }
    }
}

/// <summary>Asks a <see cref="SequenceChecker"/> to send its verdict to <paramref name="Whom"/>.</summary>
public sealed record ReportTo(ActorAddress Whom);

/// <summary>
/// Checks that the integers it receives arrive as 0, 1, 2, ... with nothing missing, repeated or out of
/// order. "report" (or <see cref="ReportTo"/>) answers "ok &lt;count&gt;", or the first gap.
/// </summary>
public sealed class SequenceChecker : Actor
{
    private int _next;
    private string? _firstGap;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case int value:
                if (value != _next && _firstGap is null)
                {
                    _firstGap = $"gap: expected {_next} but got {value}";
                }

                _next = value + 1;
                break;
            case "report":
                Send(sender, Verdict);
                break;
            case ReportTo report:
                Send(report.Whom, Verdict);
                break;
        }
    }

    private string Verdict => _firstGap ?? $"ok {_next}";
}

/// <summary>Tells a <see cref="Relay"/> to send 0..Count-1 to Target, then ask it to report to ReportTo.</summary>
public sealed record RelayOrder(ActorAddress Target, int Count, ActorAddress ReportTo);

/// <summary>Sends a sequence from its own process to another actor (actor-to-actor ordering).</summary>
public sealed class Relay : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is RelayOrder order)
        {
            for (var i = 0; i < order.Count; i++)
            {
                Send(order.Target, i);
            }

            Send(order.Target, new ReportTo(order.ReportTo));
        }
    }
}

/// <summary>Counts what it receives: "count" answers how many messages (other than "count" itself) arrived before it.</summary>
public sealed class CountingActor : Actor
{
    private int _count;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is "count")
        {
            Send(sender, _count);
        }
        else if (message is not ActorSystemMessage)
        {
            _count++;
        }
    }
}

/// <summary>A message that holds any value (used to try sending values that cannot travel).</summary>
public sealed record Carrier(object? Payload);

/// <summary>"observe" makes the sender its observer (answered "observing"); it tells the observer "asked to exit" when asked to exit.</summary>
public class ExitObserved : Actor
{
    private ActorAddress? _observer;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "observe":
                _observer = sender;
                Send(sender, "observing");
                break;
            case ActorExitRequest when _observer is not null:
                Send(_observer, "asked to exit");
                break;
            case "pid":
                Send(sender, Environment.ProcessId);
                break;
        }
    }
}

/// <summary>Work for a <see cref="HoldingTroupeWorker"/>.</summary>
public sealed record HoldWork(string Id);

/// <summary>A <see cref="HoldingTroupeWorker"/>'s answer: the work it holds, its process and its address.</summary>
public sealed record HeldWork(string Id, int ProcessId, ActorAddress Worker);

/// <summary>
/// A troupe whose workers hold each <see cref="HoldWork"/> in progress (answering <see cref="HeldWork"/>) until told
/// "finish", so a test can kill a worker's process while it holds work.
/// </summary>
[Troupe(MaxCount = 3, IdleCount = 1)]
public sealed class HoldingTroupeWorker : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case HoldWork work:
                TroupeWorkInProgress = true;
                Send(sender, new HeldWork(work.Id, Environment.ProcessId, MyAddress));
                break;
            case "finish":
                TroupeWorkInProgress = false;
                break;
        }
    }
}
