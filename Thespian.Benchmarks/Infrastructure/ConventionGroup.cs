namespace Thespian.Benchmarks.Infrastructure;

/// <summary>
/// Several multiproc systems on this host, each on a free admin port of its own, joined into a convention by
/// "Convention Address.IPv4". Disposal shuts the live ones down and releases those whose admin was killed.
/// </summary>
internal sealed class ConventionGroup(string systemBase) : IDisposable
{
    private readonly List<SystemLease> _leases = [];
    private readonly HashSet<int> _ports = [];

    /// <summary>
    /// A free admin port for a system of this group, none given out before (the leaders' ports are chosen before
    /// anything starts, when nothing listens on them yet).
    /// </summary>
    public int FreePort()
    {
        while (true)
        {
            var port = SystemLease.FreePort(systemBase);
            if (_ports.Add(port))
            {
                return port;
            }
        }
    }

    /// <summary>
    /// Starts a system on <paramref name="port"/> that checks in with the leaders on <paramref name="leaderPorts"/>
    /// (none: it checks in with nobody, and leads those that list it), with <paramref name="capabilities"/> besides.
    /// </summary>
    public SystemLease Start(int port, IReadOnlyList<int> leaderPorts, IReadOnlyDictionary<string, object?>? capabilities = null)
    {
        var all = capabilities is null ? [] : new Dictionary<string, object?>(capabilities);
        if (leaderPorts.Count > 0)
        {
            all[CommonCapabilities.ConventionAddressIPv4] = string.Join(",", leaderPorts.Select(p => $"127.0.0.1:{p}"));
        }

        var lease = new SystemLease(systemBase, port, all);
        _leases.Add(lease);
        return lease;
    }

    /// <summary>
    /// Waits (for all at once) until every live system is at rest with its warm pool and the hosts of
    /// <paramref name="actors"/> actors each (none for a system not listed).
    /// </summary>
    public void WaitUntilQuiet(IReadOnlyDictionary<SystemLease, int>? actors = null) =>
        Parallel.ForEach(_leases.Where(l => !l.Killed),
                         lease => lease.WaitUntilQuiet(hosts: WarmPool.Hosts + (actors?.GetValueOrDefault(lease) ?? 0)));

    /// <summary>Shuts every system down (the last started first); a killed one's object is only released.</summary>
    public void Dispose()
    {
        for (var i = _leases.Count - 1; i >= 0; i--)
        {
            _leases[i].Dispose();
        }

        _leases.Clear();
    }
}
