namespace Thespian.Tests.Sources.Support;

/// <summary>
/// "watch": reports every LoadedSource and UnloadedSource to the sender as "loaded HASH INFO" / "unloaded HASH"
/// (system messages themselves never reach an application's Ask or Listen); answers "watching".
/// </summary>
public sealed class SourceWatcher : Actor
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
                Send(_reportTo, $"loaded {loaded.SourceHash} {loaded.SourceInfo}");
                break;
            case UnloadedSource unloaded when _reportTo is not null:
                Send(_reportTo, $"unloaded {unloaded.SourceHash}");
                break;
        }
    }
}

/// <summary>"load-and-unload": loads the source bytes it is given, answers with the hash, and can unload it.</summary>
public sealed class SourceLoadingActor : Actor
{
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case byte[] zip:
                using (var stream = new MemoryStream(zip))
                {
                    Send(sender, LoadActorSource(stream));
                }

                break;
            case string hash:
                UnloadActorSource(hash);
                Send(sender, "unloaded");
                break;
        }
    }
}
