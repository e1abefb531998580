using System.Diagnostics;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

internal sealed partial class AdminServer
{
    private readonly Dictionary<ActorId, ActorRecord> _actors = [];
    private readonly Dictionary<string, ActorRecord> _globalNames = new(StringComparer.Ordinal);
    private readonly RecentActorTypes _recentTypes = new();
    private readonly UnannouncedResolves _unannounced = new();

    private IEnumerable<ActorRecord> RunningActors => _actors.Values.Where(a => a.State == ActorRecordState.Running);

    private void HandleCreate(CreateActorRequest request, Envelope envelope)
    {
        if (_shuttingDown)
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, ControlErrorKind.ShuttingDown,
                                                  "The actor system is shutting down; no actors can be created."));
            return;
        }

        if (PullSourceFirst(request, envelope))
        {
            return;
        }

        if (CheckSourceHash(request) is { } badSource)
        {
            _node.Reply(envelope, badSource);
            return;
        }

        if (AnswerFromLocalName(request, envelope) || (request.GlobalName is not null && ClaimNameFirst(request, envelope)))
        {
            return;
        }

        CreateHere(request, envelope);
    }

    /// <summary>A create of a name an actor of this system holds is answered with that actor (once it runs).</summary>
    private bool AnswerFromLocalName(CreateActorRequest request, Envelope envelope)
    {
        if (request.GlobalName is not { } name || !_globalNames.TryGetValue(name, out var named))
        {
            return false;
        }

        if (named.State == ActorRecordState.Running)
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, Address: named.Address, Endpoint: PublicRouteOf(named)));
        }
        else if (AnswersOnceDecided(request))
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, Address: named.Address));
        }
        else
        {
            named.CreateWaiters.Add(new Waiter(envelope, request.RequestId));
        }

        return true;
    }

    /// <summary>
    /// Whether a create is answered once its address is decided, before the actor runs: a named create from inside an
    /// actor (which must not wait for a process start), unless another admin forwarded it (that one needs the endpoint).
    /// </summary>
    private static bool AnswersOnceDecided(CreateActorRequest request) =>
        request.AnswerOnceDecided && request.GlobalName is not null && request.ForwardedBy is null;

    /// <summary>Creates the actor in a host of this system (or, if this system's capabilities refuse it, on another of the convention).</summary>
    private void CreateHere(CreateActorRequest request, Envelope envelope)
    {
        if (AnswerFromLocalName(request, envelope))
        {
            return;
        }

        var record = new ActorRecord(request.Address, request.TypeName, request.Parent, request.GlobalName, request.SourceHash)
        {
            ForwardedBy = request.ForwardedBy,
        };
        _actors[record.Address.Id] = record;
        record.ResolveWaiters.AddRange(_unannounced.Take(record.Address.Id));
        if (record.GlobalName is { } globalName)
        {
            _globalNames[globalName] = record;
        }

        var waiter = new Waiter(envelope, request.RequestId);
        record.CreateWaiters.Add(waiter);
        if (RefusedByAttributes(record, request))
        {
            return;
        }

        if (AnswersOnceDecided(request))
        {
            // Decided: this is the name's holder. Its creator's messages wait in the creator's process until it runs.
            record.CreateWaiters.Remove(waiter);
            _node.Reply(envelope, new ControlReply(request.RequestId, Address: record.Address));
        }

        _ = StartActorAsync(record, request);
    }

    private async Task StartActorAsync(ActorRecord record, CreateActorRequest request)
    {
        var source = request.SourceHash is { } hash ? _sources.GetValueOrDefault(hash) : null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var host = await _pool.AcquireAsync().ConfigureAwait(false);
            var acquired = Stopwatch.GetTimestamp();
            host.Actor = record;
            var capabilities = _capabilities.Snapshot;
            var reply = await _node.RequestAsync(host.Endpoint!, id => new RunActorRequest(
                id, record.Address, request.TypeName, request.Parent, request.GlobalName, request.SourceHash,
                request.RequirementsJson, request.TroupeLeader, capabilities, source?.Zip, source?.Info),
                continueOnReceivingThread: true).ConfigureAwait(false);
            var ran = Stopwatch.GetTimestamp();

            // A host's answer continues here on the thread that read it, which then runs the loop if it is idle (as for
            // any control record), so the creator is answered without a thread-pool hop or the loop's wake-up. A
            // failure may come from a writer thread instead (the host could not be reached): that one only queues.
            Action finish = () =>
            {
                if (MayPlaceElsewhere(request, reply))
                {
                    // The host refused and exits; the actor is not its any more.
                    host.Actor = null;
                    _pool.Refill();
                    PlaceElsewhere(record, request, [$"this system ({_node.LocalEndpoint}) {reply.Message}"]);
                    return;
                }

                record.Host = host;
                if (reply.Succeeded)
                {
                    ActorStarted(record);
                    // Only now, with the creator answered, may a replacement's process start compete for the CPU.
                    _pool.Refill();
                    if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
                    {
                        _logger.ActorStartTimed(record.Address, host.ProcessId, Milliseconds(started, acquired),
                                                Milliseconds(acquired, ran), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
                else
                {
                    ActorFailedToStart(record, reply.Error, reply.Message ?? "the actor could not be started");
                    _pool.Refill();
                }
            };
            if (reply.Succeeded)
            {
                RunHere(finish);
            }
            else
            {
                Post(finish);
            }
        }
        catch (ActorSystemException ex)
        {
            _pool.Refill();
            Post(() => ActorFailedToStart(record, ControlErrorKind.Failure, ex.Message));
        }
    }

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private void ActorStarted(ActorRecord record)
    {
        if (record.State != ActorRecordState.Starting)
        {
            return;
        }

        record.State = ActorRecordState.Running;
        _recentTypes.Started(record.TypeName, record.SourceHash);
        var route = PublicRouteOf(record)!;
        _node.Book.SetRoute(record.Address.Id, route);
        foreach (var waiter in record.CreateWaiters.Concat(record.ResolveWaiters))
        {
            ReplyWith(waiter.Request, new ControlReply(waiter.RequestId, Address: record.Address, Endpoint: route));
        }

        record.CreateWaiters.Clear();
        record.ResolveWaiters.Clear();
        if (_shuttingDown)
        {
            SendSystemMessage(SystemAddress, record.Address, new ActorExitRequest());
        }
    }

    private void ActorFailedToStart(ActorRecord record, ControlErrorKind error, string message)
    {
        if (record.State == ActorRecordState.Stopped)
        {
            return;
        }

        Forget(record);
        foreach (var waiter in record.CreateWaiters.Concat(record.ResolveWaiters))
        {
            ReplyWith(waiter.Request, new ControlReply(waiter.RequestId, error, message));
        }

        record.CreateWaiters.Clear();
        record.ResolveWaiters.Clear();
        if (record.Parent is { } parent && record.GlobalName is null)
        {
            SendSystemMessage(record.Address, parent, new ChildActorExited(record.Address));
        }
    }

    private void HandleActorStopped(ActorId id, IReadOnlyList<ActorAddress> orphans)
    {
        if (!_actors.TryGetValue(id, out var record) || record.State == ActorRecordState.Stopped)
        {
            return;
        }

        Forget(record);
        TellForwarderStopped(record);
        foreach (var orphan in orphans)
        {
            if (_actors.TryGetValue(orphan.Id, out var child))
            {
                child.Parent = null;
                if (child.Endpoint is { } endpoint)
                {
                    SendControl(endpoint, new OrphanedNotice(child.Address));
                }
            }
        }

        if (record.Parent is { } parent && record.GlobalName is null && !_shuttingDown && _actors.ContainsKey(parent.Id))
        {
            SendSystemMessage(record.Address, parent, new ChildActorExited(record.Address));
        }

        CheckShutdownProgress();
    }

    private void OnHostExited(HostProcess host)
    {
        if (host.Actor is not { State: not ActorRecordState.Stopped } record)
        {
            CheckShutdownProgress();
            return;
        }

        if (!_shuttingDown)
        {
            _logger.HostDied(host.ProcessId, record.Address);
        }

        if (record.State == ActorRecordState.Starting)
        {
            ActorFailedToStart(record, ControlErrorKind.Failure, $"The actor host process {host.ProcessId} exited while starting the actor.");
            return;
        }

        var orphans = _actors.Values.Where(a => a.Parent == record.Address).Select(a => a.Address).ToArray();
        HandleActorStopped(record.Address.Id, orphans);
    }

    private void Forget(ActorRecord record)
    {
        record.State = ActorRecordState.Stopped;
        _actors.Remove(record.Address.Id);
        _unannounced.Ended(record.Address.Id);
        if (record.GlobalName is { } name && _globalNames.TryGetValue(name, out var named) && named == record)
        {
            _globalNames.Remove(name);
            ReleaseName(record);
        }

        _node.Book.ForgetRoute(record.Address.Id);
        _deadLetterHandlers.Remove(record.Address);
        _conventionListeners.Remove(record.Address);
        _sourceListeners.Remove(record.Address);
        if (_sourceAuthority == record.Address)
        {
            _sourceAuthority = null;
        }
    }

    private void HandleResolve(ResolveRequest request, Envelope envelope)
    {
        if (request.Address == SystemAddress)
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, Address: SystemAddress, Endpoint: _node.LocalEndpoint));
            return;
        }

        if (!_actors.TryGetValue(request.Address.Id, out var record))
        {
            var id = request.Address.Id;
            if (_unannounced.HasEnded(id))
            {
                ReplyNotRunning(new Waiter(envelope, request.RequestId), request.Address);
            }
            else if (_unannounced.Park(id, new Waiter(envelope, request.RequestId)))
            {
                // Its creator may have handed the address on before this admin has seen the create: wait a little.
                _ = Task.Delay(UnannouncedResolves.Grace).ContinueWith(
                    _ => Post(() => RefuseUnannounced(request.Address)), TaskScheduler.Default);
            }

            return;
        }

        if (record.State == ActorRecordState.Running)
        {
            _node.Reply(envelope, new ControlReply(request.RequestId, Address: record.Address, Endpoint: PublicRouteOf(record)));
        }
        else
        {
            record.ResolveWaiters.Add(new Waiter(envelope, request.RequestId));
        }
    }

    /// <summary>
    /// The route others learn for an actor: the endpoint of its host here with this system's gateway
    /// (<see cref="MultiprocNode.PublicRoute"/>); for an actor placed on another system, the route that system gave.
    /// </summary>
    private string? PublicRouteOf(ActorRecord record) =>
        record.PlacedOn is null && record.Endpoint is { } endpoint ? _node.PublicRoute(endpoint) : record.Endpoint;

    private void RefuseUnannounced(ActorAddress address)
    {
        foreach (var waiter in _unannounced.Take(address.Id))
        {
            ReplyNotRunning(waiter, address);
        }
    }

    private void ReplyNotRunning(Waiter waiter, ActorAddress address) =>
        ReplyWith(waiter.Request, new ControlReply(waiter.RequestId, ControlErrorKind.InvalidArgument, $"No actor {address} is running."));
}
