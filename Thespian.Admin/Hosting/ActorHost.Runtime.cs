using System.Text;
using Thespian.Diagnostics;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Sources;
using Thespian.Wire;

namespace Thespian.Admin.Hosting;

/// <summary>The runtime services an actor gets in its own process: everything goes over the wire or to the admin.</summary>
internal sealed partial class ActorHost : IActorRuntime, IDeadLetterReader
{
    /// <inheritdoc />
    public string BaseName => _node.BaseName;

    /// <inheritdoc />
    public ActorAddress SystemAddress { get; }

    /// <inheritdoc />
    public ThespianLogging Logging => _logging;

    /// <inheritdoc />
    public void Send(ActorCell sender, ActorAddress target, object message) => SendFrom(sender.Address, target, message);

    /// <inheritdoc />
    public void SendSystem(ActorAddress from, ActorAddress target, object message) => SendFrom(from, target, message);

    /// <inheritdoc />
    public ActorAddress CreateActor(ActorCell creator, ActorSpec spec, object? requirements, string? globalName,
                                    string? sourceHash)
    {
        // A type object from a source names its own source; a name is looked up where the actor will run.
        sourceHash = (spec.Type is { } given ? SourceLoadContext.SourceHashOf(given) : null) ?? sourceHash;
        var type = spec.Type ?? (sourceHash is null ? ResolveForCreate(spec.TypeName!, globalName) : null);
        var typeName = type?.AssemblyQualifiedName ?? spec.TypeName!;
        var requirementsJson = requirements is null ? null : Encoding.UTF8.GetString(_node.Serializer.Serialize(requirements));
        var troupeLeader = ActorCellFactory.IsTroupeWorkerOf(creator, type) ? creator.Address : null;
        var address = _node.Book.Register(ActorAddress.CreateNew(), endpoint: null);
        var staticRequirements = CapabilityRequirement.Of(type);
        if (globalName is not null)
        {
            // A type found here (or in a source) is sure to be creatable as far as this host can tell, so the admin may
            // answer as soon as it has decided the address; an unresolved name waits for the admin's verdict instead.
            var resolved = type is not null || sourceHash is not null;
            return CreateNamed(address, typeName, globalName, sourceHash, requirementsJson, staticRequirements, resolved);
        }

        _node.ExpectRoute(address.Id);
        _ = CreateInBackgroundAsync(new CreateActorRequest(0, address, typeName, creator.Address, null, sourceHash,
                                                           requirementsJson, troupeLeader, null, Requirements: staticRequirements));
        return address;
    }

    /// <inheritdoc />
    public void WakeupAfter(ActorCell cell, TimeSpan period, object? payload)
    {
        cell.PendingWakeups++;
        _wakeups.Add(new WakeupMessage(period, payload), period);
    }

    /// <summary>Posts a reminder to the mailbox after <paramref name="delay"/> (<see cref="WakeupReminders"/>).</summary>
    private void RemindAfter(TimeSpan delay) =>
        _ = Task.Delay(delay).ContinueWith(static (_, mailbox) => ((OwnedMailbox<MailItem>)mailbox!).TryWrite(MailItem.WakeupDue.Instance),
                                           _mailbox, TaskScheduler.Default);

    /// <inheritdoc />
    public void HandleDeadLetters(ActorCell cell, bool enable) => Register(cell, RegistrationKind.DeadLetters, enable);

    /// <inheritdoc />
    public void NotifyOnSystemRegistrationChanges(ActorCell cell, bool enable) =>
        Register(cell, RegistrationKind.ConventionUpdates, enable);

    /// <inheritdoc />
    public void NotifyOnSourceAvailability(ActorCell cell, bool enable) =>
        Register(cell, RegistrationKind.SourceAvailability, enable);

    /// <inheritdoc />
    public void RegisterSourceAuthority(ActorCell cell) => Register(cell, RegistrationKind.SourceAuthority, enable: true);

    /// <inheritdoc />
    public string LoadActorSource(ActorCell cell, byte[] zipData)
    {
        var reply = AdminRequest(id => new LoadSourceRequest(id, zipData));
        ThrowIfFailed(reply);
        return reply.Message!;
    }

    /// <inheritdoc />
    public void UnloadActorSource(ActorCell cell, string sourceHash) =>
        ThrowIfFailed(AdminRequest(id => new UnloadSourceRequest(id, sourceHash)));

    /// <inheritdoc />
    public void UpdateCapability(ActorCell cell, string capabilityName, object? capabilityValue)
    {
        var reply = AdminRequest(id => new UpdateCapabilityRequest(id, capabilityName, capabilityValue));
        if (reply.Error == ControlErrorKind.InvalidArgument)
        {
            throw new ArgumentException(reply.Message, nameof(capabilityName));
        }

        ThrowIfFailed(reply);
    }

    /// <inheritdoc />
    public void PreRegisterRemoteSystem(ActorCell cell, string remoteAddress, IDictionary<string, object?>? capabilities)
    {
        var reply = AdminRequest(id => new PreRegisterRequest(id, remoteAddress.Trim(),
                                                              capabilities is null ? null : new Dictionary<string, object?>(capabilities)));
        if (reply.Error == ControlErrorKind.InvalidArgument)
        {
            throw new ArgumentException(reply.Message, nameof(remoteAddress));
        }

        ThrowIfFailed(reply);
    }

    /// <inheritdoc />
    public void DeRegisterRemoteSystem(ActorCell cell, string remoteAddress) =>
        ThrowIfFailed(AdminRequest(id => new DeRegisterRequest(id, remoteAddress.Trim(), null)));

    /// <inheritdoc />
    public void DeRegisterRemoteSystem(ActorCell cell, ActorAddress remoteAdminAddress) =>
        ThrowIfFailed(AdminRequest(id => new DeRegisterRequest(id, null, remoteAdminAddress)));

    /// <inheritdoc />
    public void ActorSystemShutdown(ActorCell cell) => _node.SendControl(_node.AdminEndpoint!, new ShutdownRequest(0));

    /// <inheritdoc />
    public void Watch(ActorCell cell, ThespianWatch watch) => _requestedWatch = watch.FileDescriptors;

    /// <inheritdoc />
    public void ActorStopped(ActorCell cell, IReadOnlyList<ActorAddress> orphans)
    {
        _node.SendControl(_node.AdminEndpoint!, new ActorStoppedNotice(cell.Address, orphans));
        _exit.TrySetResult();
    }

    /// <inheritdoc />
    public void DeadLetter(ActorAddress deadAddress, object message, ActorAddress sender)
    {
        if (TroupeDeadLetters.TryReturnToManager(deadAddress, message, sender, out var manager, out var returned))
        {
            SendFrom(deadAddress, manager, returned);
            return;
        }

        (deadAddress, message, sender) = TroupeDeadLetters.Unwrap(deadAddress, message, sender);
        if (!DeliveryRules.IsWorthADeadLetter(message) || _node.AdminEndpoint is not { } admin)
        {
            return;
        }

        ThespianMetrics.DeadLetter(BaseName);
        try
        {
            _node.Transport.Send(admin, new Envelope(EnvelopeKind.DeadLetter, SystemAddress.Id, sender.Id, deadAddress.Id,
                                                     _node.LocalEndpoint, _node.Serializer.Serialize(message)));
        }
        catch (ActorSystemException)
        {
            // Not serializable: it could not have been sent anywhere either; it was logged by the cell.
        }
    }

    /// <inheritdoc />
    public bool TryTakeDeadLetter(Envelope envelope)
    {
        if (!TroupeDeadLetters.MayBeTroupeTraffic(envelope.Body.Span))
        {
            return false;
        }

        object message;
        try
        {
            message = _node.Serializer.Deserialize(envelope.Body.Span);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }

        if (message is not (TroupeWork or TroupeWorkReturned))
        {
            return false;
        }

        DeadLetter(_node.Book.Intern(envelope.Target), message, _node.Book.Intern(envelope.Sender));
        return true;
    }

    private void SendFrom(ActorAddress from, ActorAddress target, object message)
    {
        if (_cell is { } cell && target == cell.Address)
        {
            var body = _node.Serializer.Serialize(message);
            _mailbox.TryWrite(new MailItem.Incoming(
                new Envelope(EnvelopeKind.Deliver, target.Id, from.Id, ActorId.Zero, _node.LocalEndpoint, body,
                             ThespianTracing.Outgoing()), ImmediateReceipt.Instance));
            return;
        }

        _node.SendMessage(from, target, message);
    }

    /// <summary>
    /// The type a create names. For a named create a name this process cannot resolve is not an error yet: when an actor
    /// holds the name already, the create returns it whatever type it names (as in Python); the admin decides.
    /// </summary>
    private static Type? ResolveForCreate(string typeName, string? globalName)
    {
        try
        {
            return ActorTypeResolver.Resolve(typeName);
        }
        catch (InvalidActorSpecificationException) when (globalName is not null)
        {
            return null;
        }
    }

    /// <summary>
    /// A named create: the admin answers with the name's holder (an actor that holds it already, or this new one). With
    /// <paramref name="answerOnceDecided"/> it answers as soon as the address is decided, not once the actor runs, so
    /// this actor is not held up by the named actor's process start; when the answer carries no endpoint yet, messages
    /// sent to the address wait in this process while the admin is asked where it runs (as for any unknown address).
    /// </summary>
    private ActorAddress CreateNamed(ActorAddress address, string typeName, string globalName, string? sourceHash,
                                     string? requirementsJson, IReadOnlyList<CapabilityRequirement>? staticRequirements,
                                     bool answerOnceDecided)
    {
        var reply = AdminRequest(id => new CreateActorRequest(id, address, typeName, null, globalName, sourceHash,
                                                              requirementsJson, null, null, Requirements: staticRequirements,
                                                              AnswerOnceDecided: answerOnceDecided));
        ThrowIfFailed(reply);
        var named = _node.Book.Intern(reply.Address!.Id);
        if (reply.Endpoint is { } endpoint)
        {
            _node.RouteKnown(named.Id, endpoint);
        }

        return named;
    }

    private async Task CreateInBackgroundAsync(CreateActorRequest template)
    {
        try
        {
            var reply = await _node.RequestAsync(_node.AdminEndpoint!, id => template with { RequestId = id })
                                   .ConfigureAwait(false);
            if (reply is { Succeeded: true, Endpoint: { } endpoint })
            {
                _node.RouteKnown(template.Address.Id, endpoint);
            }
            else
            {
                _node.RouteFailed(template.Address.Id);
            }
        }
        catch (ActorSystemException)
        {
            _node.RouteFailed(template.Address.Id);
        }
    }

    private void Register(ActorCell cell, RegistrationKind kind, bool enable) =>
        ThrowIfFailed(AdminRequest(id => new RegistrationRequest(id, cell.Address, kind, enable)));

    private ControlReply AdminRequest(Func<long, IControlRequest> makeRequest) =>
        _node.Request(_node.AdminEndpoint!, makeRequest);

    private static void ThrowIfFailed(ControlReply reply)
    {
        if (!reply.Succeeded)
        {
            throw ControlErrors.ToException(reply);
        }
    }

}
