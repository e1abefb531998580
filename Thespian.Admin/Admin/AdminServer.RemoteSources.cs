using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

/// <summary>
/// Sources across a convention: a create forwarded from another system that names a source this system lacks pulls the
/// validated zip from the admin that forwarded it — if "AllowRemoteActorSources" allows ("Yes", the default; "No"; or
/// "LeaderOnly": only from the convention's leader). This system's own source authority, if it has one, validates what
/// was pulled before anything is created from it. An unload is passed on to the other systems of the convention.
/// </summary>
internal sealed partial class AdminServer
{
    /// <summary>Forwarded creates waiting for a pulled source (by hash), run once it is stored or refused with it.</summary>
    private readonly PendingCreates _awaitingSource = new();

    /// <summary>
    /// Whether a forwarded create of a missing source is being handled here (pulled from its forwarder, or refused);
    /// false when the create is not of that kind.
    /// </summary>
    private bool PullSourceFirst(CreateActorRequest request, Envelope envelope)
    {
        if (request.SourceHash is not { } hash || _sources.ContainsKey(hash) || request.ForwardedBy is not { } origin)
        {
            return false;
        }

        var allowed = _capabilities.Snapshot.GetValueOrDefault(CommonCapabilities.AllowRemoteActorSources) as string ?? "Yes";
        var refusal = allowed switch
        {
            "Yes" => null,
            "LeaderOnly" when origin == _view.Leader => null,
            "LeaderOnly" => $"this system takes remote sources only from its convention leader (\"{CommonCapabilities.AllowRemoteActorSources}\" is LeaderOnly)",
            _ => $"this system takes no remote sources (\"{CommonCapabilities.AllowRemoteActorSources}\" is {allowed})",
        };
        if (refusal is not null || _node.Book.RouteOf(origin.Id) is not { } originEndpoint)
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, ControlErrorKind.NoCompatibleSystem,
                                                  $"{_node.LocalEndpoint}: {refusal ?? "the forwarding system cannot be reached"}"));
            return true;
        }

        if (_awaitingSource.Add(hash, request, envelope))
        {
            _ = FetchSourceAsync(originEndpoint, hash);
        }

        return true;
    }

    private async Task FetchSourceAsync(string originEndpoint, string hash)
    {
        var answer = await AskOrFailureAsync(originEndpoint, id => new SourceFetchRequest(id, hash)).ConfigureAwait(false);

        Post(() =>
        {
            if (answer is not SourceFetchReply fetched)
            {
                FailAwaitingSource(hash, $"the source {hash} could not be fetched: {(answer as ControlReply)?.Message}");
            }
            else if (_sourceAuthority is { } authority)
            {
                // This system's own authority decides; HandleValidatedSource runs the waiting creates (or never does).
                SendSystemMessage(SystemAddress, authority, new ValidateSource(hash, fetched.Zip));
            }
            else
            {
                StoreSource(hash, fetched.Zip, fetched.Info);
            }
        });
    }

    /// <summary>Creates that waited for a source now stored run.</summary>
    private void RunAwaitingSource(string hash)
    {
        foreach (var (request, envelope) in _awaitingSource.Take(hash))
        {
            HandleCreate(request, envelope);
        }
    }

    private void FailAwaitingSource(string hash, string reason)
    {
        foreach (var (request, envelope) in _awaitingSource.Take(hash))
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, ControlErrorKind.NoCompatibleSystem, $"{_node.LocalEndpoint}: {reason}"));
        }
    }

    /// <summary>Another system of the convention asks for a validated source this one forwarded a create of.</summary>
    private void HandleSourceFetch(SourceFetchRequest request, Envelope envelope)
    {
        if (_sources.TryGetValue(request.SourceHash, out var source))
        {
            ReplyWith(envelope, new SourceFetchReply(request.RequestId, source.Zip, source.Info));
        }
        else
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, ControlErrorKind.InvalidSourceHash,
                                                  $"The source {request.SourceHash} is not loaded on {_node.LocalEndpoint} (any more)."));
        }
    }

    /// <summary>An unload here is passed on to every other system of the convention (which pass it on no further).</summary>
    private void PassUnloadOn(UnloadSourceRequest request)
    {
        if (request.FromConvention)
        {
            return;
        }

        foreach (var member in _view.Others)
        {
            SendControl(member.Endpoint, new UnloadSourceRequest(0, request.SourceHash, FromConvention: true));
        }
    }
}
