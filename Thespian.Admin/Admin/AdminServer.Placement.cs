using Thespian.Admin.Admin.Convention;
using Thespian.Multiproc;

namespace Thespian.Admin.Admin;

/// <summary>
/// Creates that this system's capabilities refuse go to another system of the convention: the one with the fewest actors
/// this admin has placed there first (Python always picks the first compatible one), each system asked once, until one
/// runs it. The actor's address then routes straight to its process there; this admin keeps a record of it, so the
/// parent hears when it exits or its system is lost.
/// </summary>
internal sealed partial class AdminServer
{
    /// <summary>
    /// Whether a create this system refused with <paramref name="refusal"/> may be tried elsewhere: it was not itself
    /// forwarded, and the convention has other systems.
    /// </summary>
    private bool MayPlaceElsewhere(CreateActorRequest request, ControlReply refusal) =>
        refusal.Error == ControlErrorKind.NoCompatibleSystem && MayPlaceElsewhere(request);

    private bool MayPlaceElsewhere(CreateActorRequest request) => request.ForwardedBy is null && !_shuttingDown && _view.Others.Count > 0;

    /// <summary>
    /// A create whose type's capability attributes this system does not meet (known from the request, without a host):
    /// placed elsewhere at once, or refused as a host would refuse it. Returns false when the attributes are met (or unknown).
    /// </summary>
    private bool RefusedByAttributes(ActorRecord record, CreateActorRequest request)
    {
        if (CapabilityRequirement.AllMet(request.Requirements, _capabilities.Snapshot))
        {
            return false;
        }

        if (MayPlaceElsewhere(request))
        {
            PlaceElsewhere(record, request, [$"this system ({_node.LocalEndpoint}) does not meet its [RequireCapability] attributes"]);
        }
        else
        {
            // The assembly-qualified name without its assembly: the type's full name, as a host names it.
            ActorFailedToStart(record, ControlErrorKind.NoCompatibleSystem, ControlErrors.NoCompatibleSystem(record.TypeName.Split(',')[0]));
        }

        return true;
    }

    /// <summary>Asks the next untried system of the convention (fewest placed first) to run the actor.</summary>
    private void PlaceElsewhere(ActorRecord record, CreateActorRequest request, List<string> refusals)
    {
        if (record.State != ActorRecordState.Starting)
        {
            return;
        }

        var placed = PlacedCounts();
        var candidate = _view.Others.Where(m => !record.TriedMembers.Contains(m.Admin.Id) &&
                                                CapabilityRequirement.AllMet(request.Requirements, m.Capabilities))
                             .MinBy(m => placed.GetValueOrDefault(m.Admin.Id));   // the first of the least loaded
        if (candidate is null)
        {
            ActorFailedToStart(record, ControlErrorKind.NoCompatibleSystem,
                $"No actor system in the convention can run {record.TypeName}: {string.Join("; ", refusals)}");
            return;
        }

        record.TriedMembers.Add(candidate.Admin.Id);
        record.PlacedOn = _node.Book.Register(candidate.Admin, candidate.Endpoint);
        _ = ForwardCreateAsync(record, request, candidate, refusals);
    }

    private async Task ForwardCreateAsync(ActorRecord record, CreateActorRequest request, ConventionMemberInfo member, List<string> refusals)
    {
        var reply = await RequestOrFailureAsync(member.Endpoint, id => request with { RequestId = id, ForwardedBy = SystemAddress })
                        .ConfigureAwait(false);

        Post(() =>
        {
            if (reply is { Succeeded: true, Endpoint: { } endpoint } && record.State == ActorRecordState.Starting &&
                _view.Find(member.Admin.Id) is not null)
            {
                record.RemoteEndpoint = endpoint;
                ActorStarted(record);
                return;
            }

            record.PlacedOn = null;
            refusals.Add($"{member.Endpoint} {(reply.Succeeded ? "left the convention" : reply.Message)}");
            PlaceElsewhere(record, request, refusals);
        });
    }

    /// <summary>How many actors of this system run on each other system (one pass over the registry).</summary>
    private Dictionary<ActorId, int> PlacedCounts() =>
        _actors.Values.Where(a => a.PlacedOn is not null && a.State != ActorRecordState.Stopped)
               .CountBy(a => a.PlacedOn!.Id).ToDictionary();

    /// <summary>The system that ran an actor for this one says it stopped: its parent hears of it here.</summary>
    private void HandlePlacedActorStopped(ConventionActorStopped stopped)
    {
        if (_actors.TryGetValue(stopped.Address.Id, out var record) && record.PlacedOn is not null)
        {
            HandleActorStopped(record.Address.Id, []);
        }
    }

    /// <summary>A system of the convention is gone: so are the actors placed on it.</summary>
    private void ForgetPlacedOn(ConventionMemberInfo member)
    {
        var placed = _actors.Values.Where(a => a.PlacedOn?.Id == member.Admin.Id && a.State == ActorRecordState.Running).ToArray();
        if (placed.Length > 0)
        {
            _logger.PlacedActorsLost(placed.Length, member.Admin);
        }

        foreach (var record in placed)
        {
            if (record.RemoteEndpoint is { } endpoint)
            {
                _node.Book.ForgetEndpoint(endpoint);
            }

            HandleActorStopped(record.Address.Id, []);
        }
    }

    /// <summary>An actor this admin ran for another system stopped: that system's admin hears of it (its parent lives there).</summary>
    private void TellForwarderStopped(ActorRecord record)
    {
        if (record.ForwardedBy is { } origin && _node.Book.RouteOf(origin.Id) is { } endpoint)
        {
            SendControl(endpoint, new ConventionActorStopped(record.Address));
        }
    }
}
