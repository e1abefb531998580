using System.Collections.Concurrent;

namespace Thespian.Multiproc;

/// <summary>
/// A process's view of addresses: one <see cref="ActorAddress"/> object per identifier (so local routing
/// stays attached to it), and the endpoint ("host:port") of the process that hosts each known actor.
/// Routes are learnt from envelopes, from addresses inside messages, and from the admin.
/// </summary>
internal sealed class AddressBook
{
    private readonly ConcurrentDictionary<ActorId, ActorAddress> _addresses = new();
    private readonly ConcurrentDictionary<ActorId, string> _routes = new();

    /// <summary>The address object for an identifier (made on first sight).</summary>
    public ActorAddress Intern(ActorId id) =>
        _addresses.TryGetValue(id, out var address) ? address : _addresses.GetOrAdd(id, static i => new ActorAddress(i));

    /// <summary>The address object for an identifier, when this process has seen it.</summary>
    public ActorAddress? Find(ActorId id) => _addresses.TryGetValue(id, out var address) ? address : null;

    /// <summary>Registers an address made in this process.</summary>
    public ActorAddress Register(ActorAddress address, string? endpoint)
    {
        var registered = _addresses.GetOrAdd(address.Id, address);
        if (endpoint is not null)
        {
            _routes[address.Id] = endpoint;
        }

        return registered;
    }

    /// <summary>Records where an actor lives.</summary>
    public void SetRoute(ActorId id, string endpoint) => _routes[id] = endpoint;

    /// <summary>Forgets where an actor lives (it has gone).</summary>
    public void ForgetRoute(ActorId id) => _routes.TryRemove(id, out _);

    /// <summary>Where an actor lives, when known.</summary>
    public string? RouteOf(ActorId id) => _routes.TryGetValue(id, out var endpoint) ? endpoint : null;

    /// <summary>Forgets every route through an endpoint that is gone (its actors are unreachable).</summary>
    public void ForgetEndpoint(string endpoint)
    {
        foreach (var route in _routes)
        {
            if (ActorRoute.Mentions(route.Value, endpoint))
            {
                _routes.TryRemove(route);
            }
        }
    }
}
