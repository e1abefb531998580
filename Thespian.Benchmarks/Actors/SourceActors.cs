namespace Thespian.Benchmarks.Actors;

/// <summary>"register": becomes the source authority and accepts every source unchanged (benchmarks only).</summary>
internal sealed class BenchmarkSourceAuthority : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "register":
                RegisterSourceAuthority();
                Send(sender, "registered");
                break;
            case ValidateSource validate:
                Send(sender, new ValidatedSource(validate.SourceHash, validate.SourceData));
                break;
        }
    }
}

/// <summary>"watch": reports each LoadedSource to the sender as "loaded HASH" (answers "watching").</summary>
internal sealed class SourceLoadWatcher : Actor
{
    private ActorAddress? _reportTo;

    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case "watch":
                _reportTo = sender;
                NotifyOnSourceAvailability();
                Send(sender, "watching");
                break;
            case LoadedSource loaded when _reportTo is not null:
                Send(_reportTo, "loaded " + loaded.SourceHash);
                break;
        }
    }
}
