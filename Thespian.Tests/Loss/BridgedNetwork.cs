using System.Globalization;

namespace Thespian.Tests.Loss;

/// <summary>
/// Namespaces that reach each other, and nothing else: a hub namespace holding a bridge (br0), and
/// <see cref="Hosts"/>, each joined to the bridge by a veth pair whose end inside (eth0) has the address
/// <c>10.231.0.N/24</c> (N = 1, 2, ...). No namespace has a route beyond that subnet, and the root namespace has no
/// link to it. <see cref="Dispose"/> kills what still runs in any of them (by process id) and deletes them all.
/// </summary>
public sealed class BridgedNetwork : IDisposable
{
    /// <summary>The subnet's first three octets: 10.231.0.0/24, unlikely to clash with anything the machine uses.</summary>
    public const string Subnet = "10.231.0";

    private const string Bridge = "br0";
    private readonly List<NetworkNamespace> _all = [];

    private BridgedNetwork()
    {
    }

    /// <summary>The namespaces joined by the bridge; the one at index i has <see cref="AddressOf"/>(i).</summary>
    public IReadOnlyList<NetworkNamespace> Hosts { get; private set; } = [];

    /// <summary>Every namespace of the network, the hub among them: what <see cref="Dispose"/> deletes.</summary>
    public IReadOnlyList<NetworkNamespace> All => _all;

    /// <summary>The address of the host namespace at <paramref name="index"/>: 10.231.0.(index + 1).</summary>
    public static string AddressOf(int index) => string.Create(CultureInfo.InvariantCulture, $"{Subnet}.{index + 1}");

    /// <summary>Creates the hub and <paramref name="hosts"/> namespaces joined to it; on a failure deletes whatever it created.</summary>
    /// <param name="ip">The path of the ip program.</param>
    /// <param name="hosts">How many namespaces to join (1..254).</param>
    /// <param name="purpose">A word in the namespaces' names saying which tests made them.</param>
    /// <exception cref="SystemCommandException">A namespace, the bridge or a veth pair could not be created.</exception>
    public static BridgedNetwork Create(string ip, int hosts, string purpose)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hosts, 254);
        var network = new BridgedNetwork();
        try
        {
            var hub = network.Add(NetworkNamespace.Create(ip, purpose));
            hub.AddBridge(Bridge);
            var joined = new List<NetworkNamespace>();
            for (var i = 0; i < hosts; i++)
            {
                var host = network.Add(NetworkNamespace.Create(ip, purpose));
                host.ConnectToBridge(hub, Bridge, string.Create(CultureInfo.InvariantCulture, $"veth{i + 1}"), "eth0", $"{AddressOf(i)}/24");
                joined.Add(host);
            }

            network.Hosts = joined;
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Kills whatever still runs in the namespaces (by process id) and deletes them; safe to call twice.</summary>
    public void Dispose()
    {
        foreach (var space in _all)
        {
            space.Dispose();
        }
    }

    private NetworkNamespace Add(NetworkNamespace space)
    {
        _all.Add(space);
        return space;
    }
}
