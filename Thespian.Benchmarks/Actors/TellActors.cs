namespace Thespian.Benchmarks.Actors;

/// <summary>A: on "go N", announces N ticks to the target, then sends them in a loop.</summary>
internal sealed class TickSender : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is Go go)
        {
            Send(go.Target, new Expect(go.Count, sender));
            var tick = Tick.Instance;
            for (var i = 0; i < go.Count; i++)
            {
                Send(go.Target, tick);
            }
        }
        else if (message is WhoAreYou)
        {
            Send(sender, new ProcessIdentity(Environment.ProcessId));   // multiproc: which process to measure
        }
    }
}

/// <summary>
/// B as a plain actor: a <c>switch</c> on the message's type; counts ticks and replies after the last (to the
/// <see cref="Expect"/>'s reply-to, or to whoever sent <see cref="ExpectFlood"/>, which is answered "ready" at once).
/// </summary>
internal sealed class SwitchCounter : Actor
{
    private ActorAddress? _replyTo;
    private int _expected;
    private int _count;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case Tick:
                if (++_count == _expected)
                {
                    Send(_replyTo!, new Done(_count));
                }

                break;
            case Expect expect:
                (_expected, _count, _replyTo) = (expect.Count, 0, expect.ReplyTo);
                break;
            case ExpectFlood flood:
                (_expected, _count, _replyTo) = (flood.Count, 0, sender);
                Send(sender, "ready");
                break;
            case WhoAreYou:
                Send(sender, new ProcessIdentity(Environment.ProcessId));   // multiproc: which process to measure
                break;
        }
    }
}

/// <summary>B as an <see cref="ActorTypeDispatcher"/>: the same work as <see cref="SwitchCounter"/>, one handler per type.</summary>
internal sealed class DispatchingCounter : ActorTypeDispatcher
{
    private ActorAddress? _replyTo;
    private int _expected;
    private int _count;

    private void ReceiveMsg(Tick tick, ActorAddress sender)
    {
        if (++_count == _expected)
        {
            Send(_replyTo!, new Done(_count));
        }
    }

    private void ReceiveMsg(Expect expect, ActorAddress sender) =>
        (_expected, _count, _replyTo) = (expect.Count, 0, expect.ReplyTo);
}
