namespace Thespian.Benchmarks.Actors;

// Actors for the multiproc scenarios that must say which process runs them (memory is read from /proc).

/// <summary>"Which process are you?": answered with <see cref="ProcessIdentity"/>.</summary>
internal sealed class WhoAreYou
{
    public static readonly WhoAreYou Instance = new();
}

/// <summary>The process an actor runs in.</summary>
internal sealed record ProcessIdentity(int ProcessId);

/// <summary>Says which process runs it; sends every other message back to its sender.</summary>
internal class ProcessEcho : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case WhoAreYou:
                Send(sender, new ProcessIdentity(Environment.ProcessId));
                break;
            case ActorSystemMessage:
                break;
            default:
                Send(sender, message);
                break;
        }
    }
}

/// <summary>Says which process runs it, and does nothing else: an idle actor.</summary>
internal sealed class ProcessIdle : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        if (message is WhoAreYou)
        {
            Send(sender, new ProcessIdentity(Environment.ProcessId));
        }
    }
}
