using System.Globalization;
using Thespian.Tests.Loss;
using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Convention;

/// <summary>
/// "Admin Routing" and "Outbound Only" behind real firewalls: four systems, each a peer program in a network namespace
/// of its own (<see cref="NamespaceConventionFixture"/>), system 1 the leader.
/// <list type="bullet">
/// <item>System 2 uses "Admin Routing"; its namespace lets new inbound flows reach its admin port only
/// (<see cref="IngressFirewall"/>).</item>
/// <item>System 3 is "Outbound Only"; its namespace lets no new inbound flow in at all.</item>
/// <item>System 4 has the same firewall as system 2 but no routing: the control that shows the firewall bites.</item>
/// </list>
/// The leader creates one dog on each member by capability (Thespian.Tests.Peer/ConventionActors.cs). The dogs on systems
/// 2 and 3 answer the leader's application, and ask each other across the two firewalls; the dog on system 4 cannot be
/// reached (messages to it go straight to its process, which the firewall drops). Then everything shuts down and nothing
/// may still run in any namespace.
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
[NonParallelizable]
public sealed class NamespaceRoutingTests(string systemBase) : NamespaceConventionFixture(systemBase, Systems)
{
    private const int Systems = 4;

    /// <summary>A hang guard for each peer, never a measure of speed.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Test]
    public void BehindFirewalls_AdminRoutingAndOutboundOnlySystemsServeTheConvention_AndDirectRoutesAreBlocked()
    {
        var nft = LossEnvironment.Require().Nft;
        var ports = Enumerable.Range(0, Systems).Select(_ => MultiprocSupport.FreePort()).ToArray();
        var routedWall = IngressFirewall.Install(Network.Hosts[1], nft, ports[1]);
        var outboundWall = IngressFirewall.Install(Network.Hosts[2], nft);
        var blockedWall = IngressFirewall.Install(Network.Hosts[3], nft, ports[3]);
        var leaderEndpoint = string.Create(CultureInfo.InvariantCulture, $"{BridgedNetwork.AddressOf(0)}:{ports[0]}");
        string[] member = ["--capability", $"{CommonCapabilities.ConventionAddressIPv4}={leaderEndpoint}"];

        using var leader = StartSystem(0, ports[0], [], "convention-routing-leader");
        leader.CloseInput();
        using var routed = StartSystem(1, ports[1], [.. member, "--capability", "dog-routed=true", "--capability", $"{CommonCapabilities.AdminRouting}=true"], "convention-member");
        using var outbound = StartSystem(2, ports[2], [.. member, "--capability", "dog-outbound=true", "--capability", $"{CommonCapabilities.OutboundOnly}=true"], "convention-member");
        using var blocked = StartSystem(3, ports[3], [.. member, "--capability", "dog-blocked=true"], "convention-member");
        var leaderRun = leader.WaitForExit(Limit);
        NamespacedPeerProcess[] members = [routed, outbound, blocked];
        foreach (var process in members)
        {
            process.CloseInput();
        }

        NamespacedPeerRun[] memberRuns = [.. members.Select(process => process.WaitForExit(Limit))];
        NamespacedPeerRun[] runs = [leaderRun, .. memberRuns];
        var lingering = runs.Select((run, i) => Network.Hosts[i].WaitUntilGone(run.SeenInside, TimeSpan.FromSeconds(10))).SelectMany(pids => pids).ToList();
        var leftovers = Network.Hosts.SelectMany(space => space.KillLeftovers(TimeSpan.Zero)).ToList();
        var result = leaderRun.Result;
        var dropped = new[] { routedWall, outboundWall, blockedWall }.Select(wall => $"{wall}: {wall.Dropped()} dropped").ToList();
        TestContext.Out.WriteLine($"{SystemBase}: the leader ran {leaderRun.Elapsed.TotalSeconds:0.0} s; {string.Join("; ", dropped)}\n" +
                                  $"leader: {result}\n" + string.Join("\n", memberRuns.Select((run, i) => $"member {i + 2}: {run.Result}")));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            AssertAnsweredFrom(result, "routed", 1);
            AssertAnsweredFrom(result, "outbound", 2);
            Assert.That(result.Value("blocked.answer"), Is.EqualTo("nothing (timed out)"),
                        "the dog on system 4 (firewalled, no Admin Routing) cannot be reached directly: the firewall works");
            Assert.That(result.Value("routed-to-outbound.answer"), Is.EqualTo($"relayed woof from {BridgedNetwork.AddressOf(2)}"),
                        "the routed dog reached the outbound-only dog");
            Assert.That(result.Value("outbound-to-routed.answer"), Is.EqualTo($"relayed woof from {BridgedNetwork.AddressOf(1)}"),
                        "the outbound-only dog reached the routed dog");
            Assert.That(blockedWall.Dropped(), Is.Positive, "system 4's firewall dropped the direct attempts");
            for (var i = 0; i < memberRuns.Length; i++)
            {
                Assert.That(memberRuns[i].Result.Value("joined.leader"), Is.EqualTo(result.Value("system")), $"member {i + 2} joined system 1");
                Assert.That(memberRuns[i].Result.Value("shutdown"), Is.EqualTo("ok"), $"member {i + 2} shut down");
            }

            Assert.That(result.Value("shutdown"), Is.EqualTo("ok"), "the leader shut down");
            Assert.That(lingering, Is.Empty, "processes seen still running in the namespaces 10 s after the systems shut down");
            Assert.That(leftovers, Is.Empty, "processes still running in the namespaces after the systems shut down (killed)");
        });
    }

    /// <summary>The leader's <paramref name="dog"/> ran in namespace <paramref name="index"/> and answered from there.</summary>
    private void AssertAnsweredFrom(PeerResult result, string dog, int index)
    {
        Assert.That(result.Value($"{dog}.error"), Is.Null, $"{dog} was created and answered");
        Assert.That(result.Value($"{dog}.netns"), Is.EqualTo(Network.Hosts[index].Identity), $"{dog} ran in {Network.Hosts[index].Name}");
        Assert.That(result.Value($"{dog}.answer"), Is.EqualTo($"woof from {BridgedNetwork.AddressOf(index)}"), $"{dog} answered across the firewall");
    }
}
