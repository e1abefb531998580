namespace Thespian.Benchmarks.Actors;

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
