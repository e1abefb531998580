namespace Thespian.Benchmarks.Actors;

/// <summary>Load for a <see cref="ChaosTarget"/>: its id, where to record it, and whether the target must fail on it.</summary>
public sealed record ChaosWork(long Id, ActorAddress Ledger, bool Poison);

/// <summary>A <see cref="ChaosTarget"/> handled a message (sent to the <see cref="ChaosLedger"/>).</summary>
public sealed record ChaosHandled(long Id);

/// <summary>What the <see cref="ChaosLedger"/> has recorded: ids handled and ids dead-lettered.</summary>
public sealed record ChaosTally(long[] Handled, long[] DeadLettered);

/// <summary>A target under load: records each <see cref="ChaosWork"/> with the ledger, throws on poisoned work, answers "pid".</summary>
public sealed class ChaosTarget : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case ChaosWork { Poison: true } work:
                throw new InvalidOperationException($"chaos work {work.Id} is poisoned");
            case ChaosWork work:
                Send(work.Ledger, new ChaosHandled(work.Id));
                break;
            case "pid":
                Send(sender, Environment.ProcessId);
                break;
        }
    }
}

/// <summary>
/// Never killed: records the ids handled and, as a dead-letter handler, the ids of dead-lettered <see cref="ChaosWork"/>.
/// "register" starts handling dead letters (answers "registered"); "tally" answers a <see cref="ChaosTally"/>.
/// </summary>
public sealed class ChaosLedger : Actor
{
    private readonly HashSet<long> _handled = [];
    private readonly HashSet<long> _dead = [];

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case ChaosHandled handled:
                _handled.Add(handled.Id);
                break;
            case DeadEnvelope { DeadMessage: ChaosWork work }:
                _dead.Add(work.Id);
                break;
            case "register":
                HandleDeadLetters();
                Send(sender, "registered");
                break;
            case "tally":
                Send(sender, new ChaosTally([.. _handled], [.. _dead]));
                break;
        }
    }
}

/// <summary>A job for a troupe: the worker holds it for a moment (a wakeup) and answers <see cref="TroupeJobDone"/>.</summary>
public sealed record TroupeJob(int Id);

/// <summary>A troupe job done: by which process.</summary>
public sealed record TroupeJobDone(int Id, int ProcessId);

/// <summary>The work a troupe job stands for: holds the worker for 20 ms, then answers.</summary>
public abstract class TroupeJobWorker : Actor
{
    private sealed record Holding(TroupeJob Job, ActorAddress Requester);

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case TroupeJob job:
                TroupeWorkInProgress = true;
                WakeupAfter(TimeSpan.FromMilliseconds(20), new Holding(job, sender));
                break;
            case WakeupMessage { Payload: Holding holding }:
                TroupeWorkInProgress = false;
                Send(holding.Requester, new TroupeJobDone(holding.Job.Id, Environment.ProcessId));
                break;
        }
    }
}

/// <summary>A troupe of at most 10 workers (the defaults: MaxCount 10, IdleCount 2, IdleGraceSeconds 2).</summary>
[Troupe(MaxCount = 10)]
public sealed class TenWorkerTroupe : TroupeJobWorker;

/// <summary>A troupe of at most 3 workers.</summary>
[Troupe(MaxCount = 3)]
public sealed class ThreeWorkerTroupe : TroupeJobWorker;
