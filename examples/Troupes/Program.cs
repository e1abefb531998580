// Troupes: one address, several workers. A [Troupe] actor type gets a troupe at its address; the
// system hands each message to an idle worker, starts workers on demand up to MaxCount, queues the
// rest, and keeps IdleCount idle workers once the work is done. Also shows status requests and
// a Private() endpoint.
// Run it with:  dotnet run --project examples/Troupes
using Thespian;

var patience = TimeSpan.FromSeconds(5);
using var system = new ActorSystem(SystemBaseNames.Simple);

// One address for the whole troupe.
var resizers = system.CreateActor<Resizer>();
for (var i = 1; i <= 5; i++)
{
    system.Tell(resizers, new ResizeJob($"photo-{i}.jpg"));
}

// Ask the troupe's status from a private endpoint, so that it cannot be mixed up with the
// ResizeDone replies that are on their way to `system`'s endpoint (Ask has no request/reply matching).
using (var status = system.Private())
{
    var troupe = (ThespianActorStatus?)status.Ask(resizers, new ThespianStatusRequest(), patience);
    Console.WriteLine($"Troupe of {troupe?.ActorType}: {troupe?.ChildActors.Count} workers busy; the other jobs wait in the troupe");
}

// Collect the five results. Listen waits for the wakeups that finish the jobs.
var workersUsed = new HashSet<ActorAddress>();
for (var i = 0; i < 5; i++)
{
    if (system.Listen(patience) is ResizeDone done)
    {
        workersUsed.Add(done.Worker);
        Console.WriteLine($"Resized {done.Name}");
    }
}

Console.WriteLine($"5 jobs done by {workersUsed.Count} workers");

var after = (ThespianActorStatus?)system.Ask(resizers, new ThespianStatusRequest(), patience);
Console.WriteLine($"Idle workers kept: {after?.ChildActors.Count}");

// Change the limits at run time; the troupe answers with the limits now in effect.
var settings = (UpdateTroupeSettings?)system.Ask(resizers, new UpdateTroupeSettings { MaxCount = 1 }, patience);
Console.WriteLine($"Limits now: MaxCount={settings?.MaxCount}, IdleCount={settings?.IdleCount}");

var systemStatus = (ThespianSystemStatus?)system.Ask(system.SystemAddress, new ThespianStatusRequest(), patience);
Console.WriteLine($"Actors running in the system: {systemStatus?.ActorCount}");

/// <summary>A job for the troupe.</summary>
internal sealed record ResizeJob(string Name);

/// <summary>A worker's answer: which job, and which worker did it.</summary>
internal sealed record ResizeDone(string Name, ActorAddress Worker);

/// <summary>A job being worked on, carried in the wakeup's payload.</summary>
internal sealed record InProgress(ResizeJob Job, ActorAddress Requester);

/// <summary>
/// A troupe of at most 3 workers, keeping 1 idle. Each job takes "a while" (a wakeup): while it is in
/// progress the worker sets TroupeWorkInProgress, so the troupe gives it no new work.
/// </summary>
[Troupe(MaxCount = 3, IdleCount = 1)]
internal sealed class Resizer : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case ResizeJob job:
                TroupeWorkInProgress = true;
                WakeupAfter(TimeSpan.FromMilliseconds(20), new InProgress(job, sender));
                break;
            case WakeupMessage { Payload: InProgress work }:
                TroupeWorkInProgress = false;
                Send(work.Requester, new ResizeDone(work.Job.Name, MyAddress));
                break;
        }
    }
}
