namespace Thespian.Benchmarks.Actors;

// Instances for the dispatcher micro-measurement, made with `new` and called directly: no system, no cell.
// Their handlers use no system operation, which is all that such an instance allows.

/// <summary>Counts ticks and tocks through <see cref="ActorTypeDispatcher"/>'s handler lookup.</summary>
internal sealed class MicroDispatcher : ActorTypeDispatcher
{
    public long Count { get; private set; }

    private void ReceiveMsg(Tick tick, ActorAddress sender) => Count++;

    private void ReceiveMsg(Tock tock, ActorAddress sender) => Count++;
}

/// <summary>Counts ticks and tocks with a <c>switch</c>.</summary>
internal sealed class MicroSwitch : Actor
{
    public long Count { get; private set; }

    // Not inlined into the measuring loop: in a system, the call from the actor cell is a real call too.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case Tick:
                Count++;
                break;
            case Tock:
                Count++;
                break;
        }
    }
}
