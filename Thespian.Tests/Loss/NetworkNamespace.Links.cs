namespace Thespian.Tests.Loss;

/// <summary>
/// Links between namespaces of this test run: a Linux bridge in one (the hub) and veth pairs from others to it. Every
/// link is created inside the namespaces (`ip -n NAME ...`), never in the root namespace, and goes away with them:
/// deleting a namespace deletes its ends of the veth pairs, and with the hub its bridge.
/// </summary>
public sealed partial class NetworkNamespace
{
    /// <summary>Creates a bridge named <paramref name="bridge"/> in this namespace and brings it up.</summary>
    /// <exception cref="SystemCommandException">ip refused (no bridge support, a name taken).</exception>
    public void AddBridge(string bridge)
    {
        Ip("link", "add", bridge, "type", "bridge");
        Ip("link", "set", bridge, "up");
    }

    /// <summary>
    /// Joins this namespace to <paramref name="bridge"/> in <paramref name="hub"/> by a veth pair: its end here,
    /// <paramref name="inside"/>, gets <paramref name="address"/> (with prefix, "10.231.0.1/24"); its end in the hub,
    /// <paramref name="hubEnd"/>, is put on the bridge. Both ends are brought up.
    /// </summary>
    /// <param name="hub">The namespace holding the bridge.</param>
    /// <param name="bridge">The bridge's name there (see <see cref="AddBridge"/>).</param>
    /// <param name="hubEnd">The name of the pair's end in the hub (unique there; at most 15 characters).</param>
    /// <param name="inside">The name of the pair's end in this namespace (at most 15 characters).</param>
    /// <param name="address">The address of this namespace's end, in CIDR notation.</param>
    /// <exception cref="SystemCommandException">ip refused (no veth support, a name taken, a bad address).</exception>
    public void ConnectToBridge(NetworkNamespace hub, string bridge, string hubEnd, string inside, string address)
    {
        hub.Ip("link", "add", hubEnd, "type", "veth", "peer", "name", inside, "netns", Name);
        hub.Ip("link", "set", hubEnd, "master", bridge);
        hub.Ip("link", "set", hubEnd, "up");
        Ip("address", "add", address, "dev", inside);
        Ip("link", "set", inside, "up");
    }

    /// <summary>Runs `ip -n NAME arguments...`: an ip command that acts inside this namespace.</summary>
    private string Ip(params string[] arguments) => SystemCommand.Run(_ip, ["-n", Name, .. arguments]);
}
