using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

/// <summary>
/// Global names are unique in the whole convention (Python keeps them per host: its issue #50). The convention's leader
/// keeps which actor holds each name and which admin runs it; a member claims a name from its leader before it creates
/// the actor, and a create of a name held elsewhere answers with that actor (found through the admin that runs it).
/// A system outside any convention is its own leader. After a failover, members claim their names again from the new
/// leader; a lost member's names are freed.
/// </summary>
internal sealed partial class AdminServer
{
    /// <summary>As a leader: each name's holder and the admin that runs it.</summary>
    private readonly Dictionary<string, (ActorAddress Holder, ActorAddress Owner)> _conventionNames = new(StringComparer.Ordinal);

    /// <summary>Creates of a name whose claim is on its way to the leader (answered together when it returns).</summary>
    private readonly PendingCreates _claiming = new();

    /// <summary>The leader's endpoint when another system leads (names are claimed there, warnings go there); null otherwise.</summary>
    private string? LeaderElsewhere => _view.Leader is { } leader && leader != SystemAddress ? _view.Find(leader.Id)?.Endpoint : null;

    /// <summary>
    /// A create with a global name this admin does not run yet: claims the name (from the leader, or here when this
    /// admin leads), then creates it here or answers with the actor that holds it elsewhere. Returns false when the
    /// caller should go on to create the actor here at once.
    /// </summary>
    private bool ClaimNameFirst(CreateActorRequest request, Envelope envelope)
    {
        var name = request.GlobalName!;
        if (request.ForwardedBy is not null)
        {
            return false; // The forwarding admin claimed it.
        }

        if (_claiming.IsWaiting(name))
        {
            _claiming.Add(name, request, envelope);
            return true;
        }

        if (LeaderElsewhere is not { } keeper)
        {
            if (_conventionNames.TryGetValue(name, out var held) && held.Owner != SystemAddress)
            {
                AnswerWithRemoteHolder(request, envelope, held.Holder, _node.Book.RouteOf(held.Owner.Id));
                return true;
            }

            _conventionNames[name] = (request.Address, SystemAddress);
            return false;
        }

        _claiming.Add(name, request, envelope);
        _ = ClaimAsync(keeper, request);
        return true;
    }

    private async Task ClaimAsync(string keeper, CreateActorRequest request)
    {
        var reply = await RequestOrFailureAsync(keeper, id => new GlobalNameClaim(id, request.GlobalName!, request.Address, SystemAddress),
                                                _conventionSettings.LossAfter).ConfigureAwait(false);

        Post(() => ClaimAnswered(request, reply));
    }

    private void ClaimAnswered(CreateActorRequest claimed, ControlReply reply)
    {
        var name = claimed.GlobalName!;
        var waiting = _claiming.Take(name);

        // Granted (or the leader could not be asked: then the name is kept here, as outside a convention).
        var granted = !reply.Succeeded || reply.Address == claimed.Address;
        foreach (var (request, envelope) in waiting)
        {
            if (granted || _globalNames.ContainsKey(name))
            {
                CreateHere(request, envelope);
            }
            else
            {
                // The answer names the holder and the endpoint of the admin that runs it.
                AnswerWithRemoteHolder(request, envelope, _node.Book.Intern(reply.Address!.Id), reply.Endpoint);
            }
        }
    }

    /// <summary>
    /// Answers a create with the actor that holds the name on another system, asking that system's admin (at
    /// <paramref name="ownerEndpoint"/>) where it runs; with no such admin (or this one), the create runs here.
    /// </summary>
    private void AnswerWithRemoteHolder(CreateActorRequest request, Envelope envelope, ActorAddress holder, string? ownerEndpoint)
    {
        if (ownerEndpoint is null || ownerEndpoint == _node.LocalEndpoint)
        {
            CreateHere(request, envelope);
            return;
        }

        _ = ResolveRemoteHolderAsync(request, envelope, holder, ownerEndpoint);
    }

    private async Task ResolveRemoteHolderAsync(CreateActorRequest request, Envelope envelope, ActorAddress holder, string ownerEndpoint)
    {
        var reply = await RequestOrFailureAsync(ownerEndpoint, id => new ResolveRequest(id, holder)).ConfigureAwait(false);

        Post(() =>
        {
            if (reply is { Succeeded: true, Endpoint: { } endpoint })
            {
                _node.Book.SetRoute(holder.Id, endpoint);
                _node.Reply(envelope, new ControlReply(request.RequestId, Address: holder, Endpoint: endpoint));
            }
            else
            {
                // The holder is gone meanwhile: the name is free again, so this create may take it.
                _conventionNames.Remove(request.GlobalName!);
                HandleCreate(request, envelope);
            }
        });
    }

    /// <summary>As the leader: a member claims a name (granted when free; else answered with its holder and that holder's admin).</summary>
    private void HandleNameClaim(GlobalNameClaim claim, Envelope envelope)
    {
        if (!_conventionNames.TryGetValue(claim.Name, out var held) || !OwnerStillKnown(held.Owner))
        {
            held = (claim.Address, claim.Owner);
            _conventionNames[claim.Name] = held;
        }

        var ownerEndpoint = held.Owner == SystemAddress ? _node.LocalEndpoint : _node.Book.RouteOf(held.Owner.Id);
        _node.Reply(envelope, new ControlReply(claim.RequestId, Address: held.Holder, Endpoint: ownerEndpoint));
    }

    private bool OwnerStillKnown(ActorAddress owner) => owner == SystemAddress || _view.Find(owner.Id) is not null;

    /// <summary>As the leader: a named actor stopped, so its name is free.</summary>
    private void HandleNameRelease(GlobalNameRelease release)
    {
        if (_conventionNames.TryGetValue(release.Name, out var held) && held.Holder == release.Address)
        {
            _conventionNames.Remove(release.Name);
        }
    }

    /// <summary>A named actor of this system stopped: free its name here and at the leader.</summary>
    private void ReleaseName(ActorRecord record)
    {
        if (record.GlobalName is not { } name)
        {
            return;
        }

        HandleNameRelease(new GlobalNameRelease(name, record.Address));
        if (LeaderElsewhere is { } keeper)
        {
            SendControl(keeper, new GlobalNameRelease(name, record.Address));
        }
    }

    /// <summary>A system is gone: the names its actors held are free.</summary>
    private void ForgetNamesOf(ActorAddress admin)
    {
        foreach (var name in _conventionNames.Where(n => n.Value.Owner == admin).Select(n => n.Key).ToArray())
        {
            _conventionNames.Remove(name);
        }
    }

    /// <summary>After the leader changed: claim this system's names from the new one (it may not know them).</summary>
    private void ClaimNamesAgain()
    {
        if (LeaderElsewhere is not { } keeper)
        {
            return;
        }

        foreach (var record in _globalNames.Values.Where(r => r.State != ActorRecordState.Stopped))
        {
            var claim = new GlobalNameClaim(0, record.GlobalName!, record.Address, SystemAddress);
            _ = RequestOrFailureAsync(keeper, id => claim with { RequestId = id }, _conventionSettings.LossAfter);   // Best effort.
        }
    }
}
