using System.Globalization;

namespace Thespian.Tests.Loss;

/// <summary>
/// A stateful firewall inside a <see cref="NetworkNamespace"/>, as in front of a host that other hosts may reach only
/// on some ports, or not at all: nftables lets in loopback traffic, packets of flows this namespace opened
/// (<c>ct state established,related</c>), and new TCP connections and UDP flows to the listed ports only; any other
/// new inbound flow is dropped (and counted).
/// </summary>
public sealed class IngressFirewall
{
    private const string Table = "thespian_firewall";
    private const string Chain = "input";
    private readonly NetworkNamespace _space;
    private readonly string _nft;

    private IngressFirewall(NetworkNamespace space, string nft, IReadOnlyList<int> openPorts)
    {
        _space = space;
        _nft = nft;
        OpenPorts = openPorts;
    }

    /// <summary>The ports new inbound flows may reach (none: "outbound only").</summary>
    public IReadOnlyList<int> OpenPorts { get; }

    /// <summary>Installs the rules in the namespace.</summary>
    /// <param name="space">The namespace.</param>
    /// <param name="nft">The path of the nft program.</param>
    /// <param name="openPorts">The ports new TCP connections and UDP flows from other hosts may reach.</param>
    /// <exception cref="SystemCommandException">nft refused (no nf_tables or conntrack in the kernel, say).</exception>
    public static IngressFirewall Install(NetworkNamespace space, string nft, params int[] openPorts)
    {
        space.Run(nft, "add", "table", "inet", Table);
        space.Run(nft, "add", "chain", "inet", Table, Chain, "{ type filter hook input priority 0; policy accept; }");
        space.Run(nft, "add", "rule", "inet", Table, Chain, "iifname", "lo", "accept");
        space.Run(nft, "add", "rule", "inet", Table, Chain, "ct", "state", "established,related", "accept");
        foreach (var port in openPorts)
        {
            var text = port.ToString(CultureInfo.InvariantCulture);
            space.Run(nft, "add", "rule", "inet", Table, Chain, "tcp", "dport", text, "accept");
            space.Run(nft, "add", "rule", "inet", Table, Chain, "udp", "dport", text, "accept");
        }

        space.Run(nft, "add", "rule", "inet", Table, Chain, "meta", "l4proto", "{ tcp, udp }", "counter", "drop");
        return new IngressFirewall(space, nft, openPorts);
    }

    /// <summary>How many new inbound packets the firewall has dropped so far.</summary>
    public long Dropped()
    {
        var listing = _space.Run(_nft, "list", "chain", "inet", Table, Chain);
        var at = listing.IndexOf("counter packets ", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new SystemCommandException($"The firewall's counting rule is not in the listing: {listing}");
        }

        var digits = listing[(at + "counter packets ".Length)..].TakeWhile(char.IsAsciiDigit).ToArray();
        return long.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string ToString() =>
        OpenPorts.Count == 0 ? $"no inbound flows into {_space.Name}" : $"inbound flows into {_space.Name} only on {string.Join(", ", OpenPorts)}";
}
