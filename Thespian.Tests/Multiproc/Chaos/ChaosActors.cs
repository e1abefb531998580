namespace Thespian.Tests.Multiproc.Chaos;

/// <summary>Load for a <see cref="ChaosTarget"/>: its id, where to record it, and whether the target must fail on it.</summary>
public sealed record ChaosWork(long Id, ActorAddress Ledger, bool Poison);

/// <summary>A <see cref="ChaosTarget"/> handled a message (sent to the <see cref="ChaosLedger"/>).</summary>
public sealed record ChaosHandled(long Id);

/// <summary>What the <see cref="ChaosLedger"/> has recorded: ids handled and ids dead-lettered.</summary>
public sealed record ChaosTally(long[] Handled, long[] DeadLettered);

/// <summary>
/// A target under load: records each <see cref="ChaosWork"/> with the ledger, throws on poisoned work (twice: it
/// comes back to the sender as a <see cref="PoisonMessage"/>), answers "pid" with its process id.
/// </summary>
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
/// Never killed: records the ids targets handled and, as a dead-letter handler, the ids of <see cref="ChaosWork"/> that
/// were dead-lettered. "register" starts handling dead letters (answers "registered"); "tally" answers a
/// <see cref="ChaosTally"/>.
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
