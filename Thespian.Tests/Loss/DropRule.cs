using System.Globalization;
using System.Text.Json;

namespace Thespian.Tests.Loss;

/// <summary>The transport protocol whose packets a <see cref="DropRule"/> drops.</summary>
public enum LossProtocol
{
    /// <summary>UDP datagrams (what multiprocUDPBase's reliability layer must recover from).</summary>
    Udp,

    /// <summary>TCP segments (which TCP itself recovers from: the same scenarios must pass on multiprocTCPBase).</summary>
    Tcp,
}

/// <summary>
/// How many packets of the protocol entered the namespace, and how many of them the rule dropped (nftables counters).
/// </summary>
/// <param name="Seen">Packets of the protocol that reached the input hook.</param>
/// <param name="Dropped">Of those, the ones the rule dropped.</param>
public sealed record DropCounters(long Seen, long Dropped)
{
    /// <summary>
    /// Whether <see cref="Dropped"/> is a plausible count for dropping each of <see cref="Seen"/> packets at random with
    /// probability <paramref name="percent"/>%: within five standard deviations of the binomial mean (a sound rule fails
    /// this about once in two million runs).
    /// </summary>
    public bool FitsShare(int percent)
    {
        var p = percent / 100.0;
        var mean = Seen * p;
        var deviation = Math.Sqrt(Seen * p * (1 - p));
        return Math.Abs(Dropped - mean) <= (5 * deviation) + 1;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{Dropped} of {Seen} packets dropped ({(Seen == 0 ? 0 : 100.0 * Dropped / Seen):0.0}%)");
}

/// <summary>
/// nftables rules inside a <see cref="NetworkNamespace"/> that drop a share of one protocol's packets at random, as
/// issue 13 prescribes (<c>meta l4proto udp numgen random mod 100 &lt; 5 drop</c>), with counters: one rule counts
/// every packet of the protocol, the next drops the share and counts what it dropped. The hook is "input", so on
/// the loopback every packet is judged once, on arrival.
/// </summary>
public sealed class DropRule
{
    private const string Table = "thespian_loss";
    private const string Chain = "input";
    private readonly NetworkNamespace _space;
    private readonly string _nft;

    private DropRule(NetworkNamespace space, string nft, LossProtocol protocol, int percent)
    {
        _space = space;
        _nft = nft;
        Protocol = protocol;
        Percent = percent;
    }

    /// <summary>The protocol whose packets are dropped.</summary>
    public LossProtocol Protocol { get; }

    /// <summary>The share dropped, in percent.</summary>
    public int Percent { get; }

    /// <summary>Installs the rules in the namespace.</summary>
    /// <param name="space">The namespace.</param>
    /// <param name="nft">The path of the nft program.</param>
    /// <param name="protocol">Whose packets to drop.</param>
    /// <param name="percent">The share to drop, 1..99.</param>
    /// <exception cref="SystemCommandException">nft refused (no nf_tables in the kernel, say).</exception>
    public static DropRule Install(NetworkNamespace space, string nft, LossProtocol protocol, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 99);
        var l4proto = protocol == LossProtocol.Udp ? "udp" : "tcp";
        var share = percent.ToString(CultureInfo.InvariantCulture);
        space.Run(nft, "add", "table", "inet", Table);
        space.Run(nft, "add", "chain", "inet", Table, Chain, "{ type filter hook input priority 0; }");
        space.Run(nft, "add", "rule", "inet", Table, Chain, "meta", "l4proto", l4proto, "counter");
        space.Run(nft, "add", "rule", "inet", Table, Chain, "meta", "l4proto", l4proto,
                  "numgen", "random", "mod", "100", "<", share, "counter", "drop");
        return new DropRule(space, nft, protocol, percent);
    }

    /// <summary>The counters so far (from `nft -j list chain`).</summary>
    public DropCounters Counters()
    {
        var listing = _space.Run(_nft, "-j", "list", "chain", "inet", Table, Chain);
        long? seen = null, dropped = null;
        using var document = JsonDocument.Parse(listing);
        foreach (var entry in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!entry.TryGetProperty("rule", out var rule))
            {
                continue;
            }

            var expressions = rule.GetProperty("expr").EnumerateArray().ToList();
            var packets = expressions.Where(e => e.TryGetProperty("counter", out _))
                                     .Select(e => e.GetProperty("counter").GetProperty("packets").GetInt64())
                                     .FirstOrDefault();
            if (expressions.Any(e => e.TryGetProperty("drop", out _)))
            {
                dropped = packets;
            }
            else
            {
                seen = packets;
            }
        }

        return seen is { } s && dropped is { } d
            ? new DropCounters(s, d)
            : throw new SystemCommandException($"The counting and dropping rules are not both in the listing: {listing}");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Percent}% {Protocol} loss in {_space.Name}");
}
