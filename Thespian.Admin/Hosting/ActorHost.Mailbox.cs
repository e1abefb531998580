using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Sources;
using Thespian.Wire;

namespace Thespian.Admin.Hosting;

internal sealed partial class ActorHost
{
    private ActorCell? _cell;
    private IReceipt? _handled;
    private IReadOnlyList<int>? _requestedWatch;
    private DescriptorWatcher? _descriptorWatcher;

    private DescriptorWatcher Watcher =>
        _descriptorWatcher ??= new DescriptorWatcher(ready => _mailbox.TryWrite(new MailItem.WatchReady(ready)));
    private IReadOnlyDictionary<string, object?> _capabilities = new Dictionary<string, object?>();
    private object? _requirements;

    /// <summary>
    /// The actor thread: one item at a time, in order, whenever it owns the mailbox (a receiving thread may own it
    /// instead: <see cref="RunHere"/>). What the actor sends while it handles an item is written by the running thread
    /// when the item is done (in one write per target); what was done is acknowledged when the batch runs out.
    /// </summary>
    private void RunMailbox()
    {
        while (_mailbox.TakeAll() is { } items)
        {
            RunItems(items);
        }
    }

    /// <summary>
    /// Adds an item from a connection's receiving thread and, when the actor is idle, runs the mailbox on this thread
    /// until it is empty (as the actor thread would, sparing its wake-up); the connection is not read meanwhile.
    /// </summary>
    private void RunHere(MailItem.Incoming item)
    {
        // When the host is exiting this is refused; the envelope is then never acknowledged, and its sender dead-letters it.
        // A fault leaves the rest to the actor thread and closes this connection.
        _mailbox.WriteAndRunIfIdle(item, this, static (items, host) => host.RunItems(items));
    }

    /// <summary>
    /// Runs a batch of items in one transport batch: what each item sends is written when the item is done, and what was
    /// done is acknowledged at the end (the transport decides how: a receiving thread's own connection is acknowledged
    /// before that thread waits for more, others at once).
    /// </summary>
    private void RunItems(Queue<MailItem> items)
    {
        using var batch = _node.Batch();
        while (items.TryDequeue(out var item))
        {
            try
            {
                if (item is MailItem.Control)
                {
                    // Internal: the actor never sees it, so its watch stands.
                    Handle(item);
                    continue;
                }

                // A wakeup that came due before this item arrived is handled before it, however late its timer runs.
                var delivered = DeliverDueWakeups(forReminder: item is MailItem.WakeupDue);
                if (item is not MailItem.WakeupDue)
                {
                    _requestedWatch = null;
                    Handle(item);
                    delivered = true;
                }

                if (delivered)
                {
                    Watcher.Arm(_requestedWatch);
                }
            }
            catch (Exception ex)
            {
                _logging.RuntimeLogger.HostFault(ex.GetType().Name, ex.Message, ex);
            }
            finally
            {
                batch.Flush();
                SettleHandled();
            }
        }
    }

    /// <summary>
    /// The envelope just handled is acknowledged once what its handling sent has reached the next process
    /// (<see cref="ITransport.SettleAfterOutputs"/>): if this process is killed before that, its sender still holds the
    /// envelope and dead-letters it, so nothing the actor was given or sent is lost without a record.
    /// </summary>
    private void SettleHandled()
    {
        if (_handled is { } receipt)
        {
            _handled = null;
            receipt.Handled();
            _node.Transport.SettleAfterOutputs(receipt);
        }
    }

    private void Handle(MailItem item)
    {
        switch (item)
        {
            case MailItem.Incoming { Envelope: var envelope, Receipt: var receipt }:
                if (receipt.IsOpen)
                {
                    _handled = receipt;
                    DeliverFromWire(envelope);
                }

                // Else the connection broke: its envelopes were not acknowledged, and their sender dead-letters them.
                break;
            case MailItem.Local local:
                Deliver(local.Message, local.Sender);
                break;
            case MailItem.WatchReady watch when _cell is { } cell:
                Deliver(new WatchMessage(watch.Ready), cell.Address);
                break;
            case MailItem.Control { Message: RunActorRequest run, Envelope: var envelope }:
                RunActor(run, envelope);
                break;
            case MailItem.Control { Message: HostWelcome welcome }:
                // The admin's connection is open; until an actor is handed over, get the likely types ready.
                PrepareFor(welcome.LikelyActorTypes);
                break;
            case MailItem.Control { Message: CapabilitiesChanged changed }:
                Revalidate(changed.Capabilities);
                break;
            case MailItem.Control { Message: OrphanedNotice } when _cell is { } cell:
                cell.Parent = null;
                break;
        }
    }

    /// <summary>
    /// Delivers the wakeups that are due, earliest first (each is one <c>ReceiveMessage</c> call, which decides the watch
    /// anew); a reminder that finds none due asks for another. Returns whether any was delivered.
    /// </summary>
    private bool DeliverDueWakeups(bool forReminder) =>
        _wakeups.DeliverDue(forReminder, this,
                            static host => host._cell is { IsRunning: true },
                            static (host, wakeup) =>
                            {
                                var cell = host._cell!;
                                cell.PendingWakeups--;
                                host._requestedWatch = null;
                                cell.Deliver(wakeup, cell.Address);
                            });

    private void DeliverFromWire(Envelope envelope)
    {
        var sender = _node.Book.Intern(envelope.Sender);
        if (_cell is not { IsRunning: true } cell || envelope.Target != cell.Address.Id)
        {
            _node.DeadLetter(envelope);
            return;
        }

        if (!_node.TryReadBody(envelope, cell.Address, out var message))
        {
            return;
        }

        if (envelope.Kind == EnvelopeKind.DeadLetter)
        {
            message = new DeadEnvelope(message, _node.Book.Intern(envelope.Aux));
        }

        cell.Deliver(message, sender, envelope.TraceContext);
    }

    private void Deliver(object message, ActorAddress sender)
    {
        if (_cell is { } cell)
        {
            cell.Deliver(message, sender);
        }
    }

    private void RunActor(RunActorRequest run, Envelope envelope)
    {
        if (_cell is not null)
        {
            _node.Reply(envelope, new ControlReply(run.RequestId, ControlErrorKind.Failure, "This host already runs an actor."));
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _capabilities = run.Capabilities;
        _node.Configure(run.Capabilities);
        var failure = TryStart(run, out var cell, out var resolved);
        if (failure is not null)
        {
            _node.Reply(envelope, failure);
            _exit.TrySetResult();
            return;
        }

        _cell = cell;   // TryStart registered its address with this endpoint
        _node.Reply(envelope, new ControlReply(run.RequestId, Address: cell!.Address, Endpoint: _node.LocalEndpoint));
        if (_logging.RuntimeLogger.IsEnabled(LogLevel.Debug))
        {
            _logging.RuntimeLogger.ActorRunTimed(cell.Address, cell.TypeName, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                                                 System.Diagnostics.Stopwatch.GetElapsedTime(started, resolved).TotalMilliseconds);
        }
    }

    private ControlReply? TryStart(RunActorRequest run, out ActorCell? cell, out long resolved)
    {
        cell = null;
        resolved = System.Diagnostics.Stopwatch.GetTimestamp();
        ActorTypeInfo typeInfo;
        try
        {
            typeInfo = ActorTypeInfo.Get(ResolveType(run));
            resolved = System.Diagnostics.Stopwatch.GetTimestamp();
            _requirements = run.RequirementsJson is null
                ? null
                : _node.Serializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(run.RequirementsJson));
        }
        catch (InvalidActorSpecificationException ex)
        {
            return new ControlReply(run.RequestId, ControlErrorKind.InvalidActorSpecification, ex.Message);
        }
        catch (InvalidActorSourceHashException ex)
        {
            return new ControlReply(run.RequestId, ControlErrorKind.InvalidSourceHash, ex.Message);
        }
        catch (JsonException ex)
        {
            return new ControlReply(run.RequestId, ControlErrorKind.InvalidArgument,
                                    $"The actor's requirements could not be read: {WireFailures.Describe(ex)}");
        }

        if (!typeInfo.PassesCapabilityCheck(_capabilities, _requirements))
        {
            return new ControlReply(run.RequestId, ControlErrorKind.NoCompatibleSystem, ControlErrors.NoCompatibleSystem(typeInfo.Name));
        }

        var address = _node.Book.Register(run.Address, _node.OwnRoute);
        cell = ActorCellFactory.Create(this, address, typeInfo, run.Parent, run.GlobalName,
                                       SourceLoadContext.SourceHashOf(typeInfo.Type), run.TroupeLeader, out var startFailure);
        if (startFailure is not null)
        {
            return new ControlReply(run.RequestId, ControlErrorKind.InvalidActorSpecification,
                $"The actor {typeInfo.Type.FullName} could not be started: its constructor threw {startFailure.GetType().Name}: {startFailure.Message}");
        }

        return null;
    }

    /// <summary>
    /// Resolves, while idle, the types the admin expects to be created (each resolution is cached, so a hand-over of
    /// one of them skips loading its assembly and reading its attributes). Only a hint: a failure here is ignored, and
    /// a create that names the type reports it.
    /// </summary>
    private void PrepareFor(IReadOnlyList<string> typeNames)
    {
        foreach (var typeName in typeNames)
        {
            if (_cell is not null)
            {
                return;
            }

            try
            {
                _ = _sources.Resolve(ActorSpec.For(typeName), sourceHash: null);
            }
            catch (Exception ex) when (ex is InvalidActorSpecificationException or ArgumentException)
            {
                // Not resolvable here (any more): the create that names it will say why.
            }
        }
    }

    /// <summary>
    /// The actor's type: with a source, the admin has sent its validated zip, which this host loads into its own
    /// collectible context (the process ends with the actor, so the context goes with it) and searches first.
    /// </summary>
    private Type ResolveType(RunActorRequest run)
    {
        if (run.SourceHash is { } hash)
        {
            if (run.SourceZip is null)
            {
                throw new InvalidActorSourceHashException(
                    $"The admin sent no zip for the source {hash}; it may have been unloaded. Load it again.");
            }

            try
            {
                _ = _sources.Load(hash, run.SourceZip, run.SourceInfo);
            }
            catch (InvalidActorSourceException ex)
            {
                throw new InvalidActorSourceHashException($"The source {hash} cannot be loaded in the actor's process: {ex.Message}");
            }
        }

        return _sources.Resolve(ActorSpec.For(run.TypeName), run.SourceHash);
    }

    private void Revalidate(IReadOnlyDictionary<string, object?> capabilities)
    {
        _capabilities = capabilities;
        _node.Configure(capabilities);
        if (_cell is { IsRunning: true } cell && cell.TypeInfo.HasCapabilityChecks &&
            !cell.TypeInfo.PassesCapabilityCheck(capabilities, _requirements))
        {
            cell.Deliver(new ActorExitRequest(), SystemAddress);
        }
    }
}
