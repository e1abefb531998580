namespace Thespian.Benchmarks.Actors;

/// <summary>A: on <see cref="Serve"/>, bounces the ball with the partner N times, then replies <see cref="Done"/>.</summary>
internal sealed class Server : Actor
{
    private ActorAddress? _requester;
    private int _total;
    private int _remaining;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case Ball:
                if (--_remaining == 0)
                {
                    Send(_requester!, new Done(_total));
                }
                else
                {
                    Send(sender, Ball.Instance);
                }

                break;
            case Serve serve:
                (_requester, _total, _remaining) = (sender, serve.RoundTrips, serve.RoundTrips);
                Send(serve.Partner, Ball.Instance);
                break;
            case WhoAreYou:
                Send(sender, new ProcessIdentity(Environment.ProcessId));   // multiproc: which process to measure
                break;
        }
    }
}

/// <summary>B: returns every ball to whoever sent it.</summary>
internal sealed class Returner : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is Ball)
        {
            Send(sender, Ball.Instance);
        }
        else if (message is WhoAreYou)
        {
            Send(sender, new ProcessIdentity(Environment.ProcessId));   // multiproc: which process to measure
        }
    }
}
