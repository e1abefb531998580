using System.Diagnostics;
using static Thespian.Tests.Peer.PeerOutput;

namespace Thespian.Tests.Peer;

/// <summary>
/// The scenario the loss tests (Thespian.Tests/Loss) run inside a network namespace that drops packets at random:
/// <list type="number">
/// <item>tells: actor A sends actor B (each in its own process) a numbered sequence; B checks it arrived whole and in order;</item>
/// <item>asks: the application asks an echo actor many times and checks every answer;</item>
/// <item>creates: the application creates actors and asks each for its process id;</item>
/// <item>death: a child actor's process is killed (SIGKILL); its parent must get <see cref="ChildActorExited"/>, and a
/// message told to it must reach a dead-letter handler.</item>
/// </list>
/// A dead-letter handler registered first collects any message lost before the death phase ("lost.count=", "lost.first=").
/// Each phase prints its findings as "phase.key=value" lines the moment it ends (a phase that throws prints
/// "phase.error=..." and the next one still runs), so a test sees how far a run got. It never judges: the test does.
/// </summary>
internal sealed class LossScenario(ActorSystem system)
{
    /// <summary>The wait for one answer, or for a death to be noticed (never a measure of speed).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The wait for the whole sequence to arrive: it is long, and it crosses a lossy network.</summary>
    private static readonly TimeSpan SequencePatience = TimeSpan.FromMinutes(10);

    /// <summary>Runs every phase; returns whether each ran to its end without an exception.</summary>
    /// <param name="tells">How many numbered messages A sends B.</param>
    /// <param name="asks">How many asks.</param>
    /// <param name="creates">How many creates.</param>
    public bool Run(int tells, int asks, int creates)
    {
        ActorAddress? collector = null;
        var completed = Phase("collector", () => collector = StartCollector());
        completed &= Phase("tells", () => Tells(tells));
        completed &= Phase("asks", () => Asks(asks));
        completed &= Phase("creates", () => Creates(creates));
        completed &= collector is not null && Phase("lost", () => ReportLost(collector));
        completed &= collector is not null && Phase("death", () => Death(collector));
        return completed;
    }

    private void Tells(int count)
    {
        var sender = system.CreateActor<SequenceSender>();
        var receiver = system.CreateActor<SequenceReceiver>();
        Print("tells.sender-pid", AskFor<int>(sender, "pid"));
        Print("tells.receiver-pid", AskFor<int>(receiver, "pid"));

        system.Tell(sender, new SendSequence(receiver, count, system.EndpointAddress));

        var report = ListenFor<SequenceReport>(SequencePatience);
        if (report is null)
        {
            using var side = system.Private();
            report = side.Ask(receiver, "report", Patience) as SequenceReport;
            Print("tells.complete", "false");
        }
        else
        {
            Print("tells.complete", "true");
        }

        Print("tells.sent", report?.Sent ?? -1);
        Print("tells.received", report?.Received ?? -1);
        Print("tells.in-order", report?.InOrder.ToString().ToLowerInvariant() ?? "unknown");
        Print("tells.first-anomaly", report?.FirstAnomaly ?? "(no report)");
    }

    private void Asks(int count)
    {
        var echo = system.CreateActor<EchoActor>();
        var ok = 0;
        string? firstFailure = null;
        for (var i = 0; i < count; i++)
        {
            var answer = system.Ask(echo, i, Patience);
            if (answer is int value && value == i)
            {
                ok++;
            }
            else
            {
                firstFailure ??= $"ask {i} answered {Describe(answer)}";
            }
        }

        Print("asks.ok", ok);
        Print("asks.failed", count - ok);
        Print("asks.first-failure", firstFailure ?? "none");
    }

    private void Creates(int count)
    {
        var ok = 0;
        var pids = new List<int>();
        string? firstFailure = null;
        for (var i = 0; i < count; i++)
        {
            try
            {
                var actor = system.CreateActor<PidActor>();
                var answer = system.Ask(actor, "pid", Patience);
                if (answer is int pid && pid > 0 && pid != Environment.ProcessId)
                {
                    ok++;
                    pids.Add(pid);
                }
                else
                {
                    firstFailure ??= $"create {i}: \"pid\" answered {Describe(answer)}";
                }

                system.Tell(actor, new ActorExitRequest());
            }
            catch (ActorSystemException ex)
            {
                firstFailure ??= $"create {i}: {ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" ");
            }
        }

        Print("creates.ok", ok);
        Print("creates.failed", count - ok);
        Print("creates.first-failure", firstFailure ?? "none");
        Print("creates.pids", string.Join(',', pids));
    }

    private ActorAddress StartCollector()
    {
        var collector = system.CreateActor<DeadLetterCollector>();
        AskExpecting(collector, "register", "registered");
        Print("collector.pid", AskFor<int>(collector, "pid"));
        return collector;
    }

    private void ReportLost(ActorAddress collector)
    {
        var lost = AskFor<string[]>(collector, "dead-letters");
        Print("lost.count", lost.Length);
        Print("lost.first", lost.FirstOrDefault() ?? "none");
    }

    private void Death(ActorAddress collector)
    {
        AskExpecting(collector, "report-to-me", "reporting");
        var parent = system.CreateActor<WatchingParent>();
        var child = AskFor<ActorAddress>(parent, "make-child");
        var victim = AskFor<int>(child, "pid");
        Print("death.parent-pid", AskFor<int>(parent, "pid"));
        Print("death.victim-pid", victim);

        using (var process = Process.GetProcessById(victim))
        {
            process.Kill();
        }

        var watch = Stopwatch.StartNew();
        system.Tell(child, "after-death");
        bool exitNoticed = false, deadLetterNoticed = false;
        while (!(exitNoticed && deadLetterNoticed) && watch.Elapsed < Patience)
        {
            switch (system.Listen(Patience - watch.Elapsed))
            {
                case ChildExitNoticed exited when exited.Child == child:
                    exitNoticed = true;
                    Print("death.child-exited-after-seconds", Seconds(watch));
                    break;
                case DeadLetterNoticed dead when dead.DeadAddress == child && dead.DeadMessage is "after-death":
                    deadLetterNoticed = true;
                    Print("death.dead-letter-after-seconds", Seconds(watch));
                    break;
                case null:
                    break;
                case var other:
                    Print("death.unexpected", Describe(other));
                    break;
            }
        }

        Print("death.child-exited", exitNoticed ? "true" : "false");
        Print("death.dead-letter", deadLetterNoticed ? "true" : "false");
        Print("death.parent-alive", system.Ask(parent, "pid", Patience) is int ? "true" : "false");
    }

    /// <summary>Asks and expects the answer <paramref name="expected"/>.</summary>
    private void AskExpecting(ActorAddress actor, string message, string expected)
    {
        var answer = system.Ask(actor, message, Patience);
        if (!Equals(answer, expected))
        {
            throw new InvalidOperationException($"Asked \"{message}\", expected \"{expected}\", got {Describe(answer)}.");
        }
    }

    /// <summary>Asks and expects a <typeparamref name="T"/>.</summary>
    private T AskFor<T>(ActorAddress actor, object message)
    {
        var answer = system.Ask(actor, message, Patience);
        return answer is T typed
            ? typed
            : throw new InvalidOperationException($"Asked {Describe(message)}, expected a {typeof(T).Name}, got {Describe(answer)}.");
    }

    /// <summary>Listens until a <typeparamref name="T"/> arrives (printing anything else); null after <paramref name="patience"/>.</summary>
    private T? ListenFor<T>(TimeSpan patience)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < patience)
        {
            switch (system.Listen(patience - watch.Elapsed))
            {
                case T found:
                    return found;
                case null:
                    break;
                case var other:
                    Print("unexpected", Describe(other));
                    break;
            }
        }

        return null;
    }
}
