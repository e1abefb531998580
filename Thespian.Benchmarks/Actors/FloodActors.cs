namespace Thespian.Benchmarks.Actors;

/// <summary>The flood's target: asked to expect N ticks, answers "ready"; after the N-th it tells the asker <see cref="Done"/>.</summary>
internal sealed class FloodCounter : Actor
{
    private ActorAddress? _replyTo;
    private long _expected;
    private long _count;

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
            case ExpectFlood expect:
                (_expected, _count, _replyTo) = (expect.Count, 0, sender);
                Send(sender, "ready");
                break;
            case WhoAreYou:
                Send(sender, new ProcessIdentity(Environment.ProcessId));
                break;
        }
    }
}

/// <summary>Expect <paramref name="Count"/> ticks, then tell the sender of this message <see cref="Done"/>.</summary>
internal sealed record ExpectFlood(long Count);
