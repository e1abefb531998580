using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

internal sealed partial class AdminServer
{
    private readonly List<ActorAddress> _deadLetterHandlers = [];
    private readonly List<ActorAddress> _conventionListeners = [];
    private readonly List<ActorAddress> _sourceListeners = [];
    private ActorAddress? _sourceAuthority;

    private void HandleRegistration(RegistrationRequest registration)
    {
        if (!_actors.ContainsKey(registration.Actor.Id))
        {
            return;
        }

        switch (registration.Kind)
        {
            case RegistrationKind.DeadLetters:
                Toggle(_deadLetterHandlers, registration.Actor, registration.Enable);
                break;
            case RegistrationKind.ConventionUpdates:
                Toggle(_conventionListeners, registration.Actor, registration.Enable);
                if (registration.Enable)
                {
                    SendConventionSnapshot(registration.Actor);
                }

                break;
            case RegistrationKind.SourceAvailability:
                Toggle(_sourceListeners, registration.Actor, registration.Enable);
                if (registration.Enable)
                {
                    SendLoadedSources(registration.Actor);
                }

                break;
            case RegistrationKind.SourceAuthority:
                _sourceAuthority = registration.Enable ? registration.Actor : _sourceAuthority == registration.Actor ? null : _sourceAuthority;
                break;
        }
    }

    private static void Toggle(List<ActorAddress> list, ActorAddress actor, bool enable)
    {
        list.Remove(actor);
        if (enable)
        {
            list.Add(actor);
        }
    }

    private void HandleUpdateCapability(UpdateCapabilityRequest update, Envelope envelope)
    {
        bool changed;
        try
        {
            if (update.Name is CommonCapabilities.ThespianSecret or CommonCapabilities.ThespianSecretFile or
                               CommonCapabilities.ThespianTlsCertificate or CommonCapabilities.ThespianTlsCertificatePassword or
                               CommonCapabilities.ThespianTlsCertificatePasswordFile or CommonCapabilities.ThespianTlsTrust)
            {
                throw new ArgumentException(
                    $"The capability \"{update.Name}\" is read when the system starts and cannot change while it runs; " +
                    "shut the system down and start it with the new secret or TLS settings.");
            }

            changed = _capabilities.Update(update.Name, update.Value);
        }
        catch (ArgumentException ex)
        {
            _node.Reply(envelope, new ControlReply(update.RequestId, ControlErrorKind.InvalidArgument, ex.Message));
            return;
        }

        _node.Reply(envelope, new ControlReply(update.RequestId));
        if (changed)
        {
            var capabilities = _capabilities.Snapshot;
            _node.Configure(capabilities);
            foreach (var actor in RunningActors.Where(a => a.PlacedOn is null))
            {
                SendControl(actor.Endpoint!, new CapabilitiesChanged(capabilities));
            }

            ConventionCapabilitiesChanged();
        }
    }

    /// <summary>A message for the system itself (status requests), or one the admin forwards.</summary>
    private void HandleDelivery(Envelope envelope)
    {
        if (envelope.Kind == EnvelopeKind.DeadLetter && envelope.Target == SystemAddress.Id)
        {
            HandleDeadLetter(envelope);
            return;
        }

        if (envelope.Target != SystemAddress.Id)
        {
            _node.Route(envelope);
            return;
        }

        object message;
        try
        {
            message = _node.Serializer.Deserialize(envelope.Body.Span);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            _logger.MessageRefused(SystemAddress, _node.Book.Intern(envelope.Sender), WireFailures.Describe(ex));
            HandleDeadLetter(envelope.AsDeadLetterFor(SystemAddress.Id));
            return;
        }

        var sender = _node.Book.Intern(envelope.Sender);
        switch (message)
        {
            case ThespianStatusRequest:
                SendSystemMessage(SystemAddress, sender, BuildStatus());
                break;
            case ValidatedSource validated:
                HandleValidatedSource(validated, sender);
                break;
            default:
                _logger.SystemIgnoredMessage(message.GetType().Name, sender);
                break;
        }
    }

    /// <summary>An undeliverable message: hand it (still opaque) to every dead-letter handler.</summary>
    private void HandleDeadLetter(Envelope envelope)
    {
        if (_shuttingDown || IsNotWorthADeadLetter(envelope))
        {
            return;
        }

        if (_deadLetterHandlers.Count == 0)
        {
            if (_logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
            {
                _logger.DeadLetterDropped("message", _node.Book.Intern(envelope.Aux), _node.Book.Intern(envelope.Sender));
            }

            return;
        }

        foreach (var handler in _deadLetterHandlers)
        {
            _node.Route(envelope with { Kind = EnvelopeKind.DeadLetter, Target = handler.Id });
        }
    }

    /// <summary>
    /// The same rule as on every base (<see cref="DeliveryRules.IsWorthADeadLetter"/>). Only Thespian's own types
    /// can be read here; a user body is never deserialized (reading it fails, and it is forwarded untouched).
    /// </summary>
    private bool IsNotWorthADeadLetter(Envelope envelope)
    {
        try
        {
            return !DeliveryRules.IsWorthADeadLetter(_node.Serializer.Deserialize(envelope.Body.Span));
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
    }

    private ThespianSystemStatus BuildStatus() => new(
        SystemAddress,
        _capabilities.Snapshot,
        conventionLeader: _view.Leader,
        conventionMembers: _view.Others.Select(m => _node.Book.Register(m.Admin, m.Endpoint)).ToArray(),
        globalNames: _globalNames.Values.Where(a => a.State == ActorRecordState.Running)
                                 .ToDictionary(a => a.GlobalName!, a => a.Address, StringComparer.Ordinal),
        deadLetterHandlers: _deadLetterHandlers.ToArray(),
        sourceAuthority: _sourceAuthority,
        loadedSources: _sources.Keys.ToArray(),
        actorCount: _actors.Values.Count(a => a.State != ActorRecordState.Stopped));
}
