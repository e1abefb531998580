using System.Globalization;
using Thespian.Multiproc;
using Thespian.Tests.Loss;
using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Convention;

/// <summary>
/// A convention across network namespaces, as across hosts: three systems, each a peer program in a namespace of its
/// own (10.231.0.1, .2, .3, joined by a bridge; <see cref="NamespaceConventionFixture"/>). System 1 leads; systems 2
/// and 3 list it as their convention leader and have the capability "dog". The leader waits until its status lists
/// both members, then creates two actors that require "dog" (Thespian.Tests.Peer/ConventionActors.cs): it refuses them,
/// so they are placed on the members, one on each, and answer from there across the namespaces. The actors report
/// where they run (process id, THESPIAN_BASE_IPADDR, network namespace), which the test checks against the
/// namespaces; then every system shuts down and nothing of them may still run in any namespace.
/// </summary>
[TestFixture(SystemBaseNames.MultiprocTcp)]
[TestFixture(SystemBaseNames.MultiprocUdp)]
[NonParallelizable]
public sealed class NamespaceConventionTests(string systemBase) : NamespaceConventionFixture(systemBase, Systems)
{
    private const int Systems = 3;
    private const int Members = Systems - 1;
    private const int Dogs = 2;

    /// <summary>A hang guard for each peer, never a measure of speed.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Test]
    public void ThreeSystemsInThreeNamespaces_FormAConvention_AndCreatesTheLeaderRefuses_RunOnTheMembers()
    {
        var ports = Enumerable.Range(0, Systems).Select(_ => MultiprocSupport.FreePort()).ToArray();
        var leaderEndpoint = string.Create(CultureInfo.InvariantCulture, $"{BridgedNetwork.AddressOf(0)}:{ports[0]}");
        string[] memberOptions = ["--capability", "dog=true", "--capability", $"{CommonCapabilities.ConventionAddressIPv4}={leaderEndpoint}"];

        using var leader = StartSystem(0, ports[0], [], "convention-leader", $"{Members}", $"{Dogs}");
        leader.CloseInput();
        using var first = StartSystem(1, ports[1], memberOptions, "convention-member");
        using var second = StartSystem(2, ports[2], memberOptions, "convention-member");
        var leaderRun = leader.WaitForExit(Limit);
        first.CloseInput();
        second.CloseInput();
        NamespacedPeerRun[] memberRuns = [first.WaitForExit(Limit), second.WaitForExit(Limit)];
        NamespacedPeerRun[] runs = [leaderRun, .. memberRuns];

        // Checked from the root namespace through /proc: the processes seen in each namespace, then anything else there.
        var lingering = runs.Select((run, i) => Network.Hosts[i].WaitUntilGone(run.SeenInside, TimeSpan.FromSeconds(10))).SelectMany(pids => pids).ToList();
        var leftovers = Network.Hosts.SelectMany(space => space.KillLeftovers(TimeSpan.Zero)).ToList();
        var result = leaderRun.Result;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{SystemBase}: the leader ran {leaderRun.Elapsed.TotalSeconds:0.0} s (started in {result.Value("start.seconds")} s, " +
            $"members after {result.Value("members.seconds")} s, dogs in {result.Value("dog0.seconds")} s and {result.Value("dog1.seconds")} s, " +
            $"shut down in {result.Value("shutdown.seconds")} s), " +
            $"the members {memberRuns[0].Elapsed.TotalSeconds:0.0} s and {memberRuns[1].Elapsed.TotalSeconds:0.0} s; " +
            $"processes seen: {string.Join(", ", runs.Select(run => run.SeenInside.Count))}\n" +
            $"leader: {result}\nmember 2: {memberRuns[0].Result}\nmember 3: {memberRuns[1].Result}"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            AssertSystem(leaderRun, 0);
            for (var i = 0; i < Members; i++)
            {
                var member = memberRuns[i].Result;
                AssertSystem(memberRuns[i], i + 1);
                Assert.That(member.Value("joined.leader"), Is.EqualTo(result.Value("system")), $"member {i + 2} saw system 1 lead");
                Assert.That(member.Value("stop"), Is.EqualTo("stdin-closed"), $"member {i + 2} stayed up until told to stop");
            }

            Assert.That(result.Value("members.count"), Is.EqualTo($"{Members}"), "the leader's status lists both members");
            Assert.That((result.Value("members.list") ?? "").Split(','),
                        Is.EquivalentTo(memberRuns.Select(run => run.Result.Value("system"))), "the members the leader lists are systems 2 and 3");

            var dogSpaces = new List<string?>();
            for (var dog = 0; dog < Dogs; dog++)
            {
                dogSpaces.Add(AssertPlacedOnAMember(leaderRun, memberRuns, $"dog{dog}"));
            }

            Assert.That(dogSpaces, Is.EquivalentTo(Network.Hosts.Skip(1).Select(space => space.Identity)),
                        "the creates were spread: one on each member");
            Assert.That(lingering, Is.Empty, "processes seen still running in the namespaces 10 s after the systems shut down");
            Assert.That(leftovers, Is.Empty, "processes still running in the namespaces after the systems shut down (killed)");
        });
    }

    /// <summary>The peer of system <paramref name="index"/> ran in its namespace, on its address and base, and shut down.</summary>
    private void AssertSystem(NamespacedPeerRun run, int index)
    {
        var result = run.Result;
        var role = index == 0 ? "leader" : "member";
        var what = $"system {index + 1} ({role})";
        Assert.That(result.ExitCode, Is.Zero, $"{what}: {result}");
        Assert.That(result.Value("base"), Is.EqualTo(SystemBase), what);
        Assert.That(result.Value($"{role}.netns"), Is.EqualTo(Network.Hosts[index].Identity), $"{what} ran in {Network.Hosts[index].Name}");
        Assert.That(result.Value($"{role}.base-ip"), Is.EqualTo(BridgedNetwork.AddressOf(index)), $"{what} bound its namespace's address");
        Assert.That(result.Value("shutdown"), Is.EqualTo("ok"), $"{what} shut down");
    }

    /// <summary>
    /// The actor the leader printed as <paramref name="dog"/> ran in a process of a member's namespace (not the
    /// leader's) and answered from there; returns that namespace's identity.
    /// </summary>
    private string? AssertPlacedOnAMember(NamespacedPeerRun leaderRun, NamespacedPeerRun[] memberRuns, string dog)
    {
        var result = leaderRun.Result;
        Assert.That(result.Value($"{dog}.error"), Is.Null, $"{dog} was created and answered");
        var pid = int.TryParse(result.Value($"{dog}.pid"), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;
        var netns = result.Value($"{dog}.netns");
        var index = Network.Hosts.Select(space => space.Identity).ToList().IndexOf(netns ?? "");
        Assert.That(index, Is.EqualTo(1).Or.EqualTo(2), $"{dog} ran in a member's namespace (it reported {netns})");
        Assert.That(leaderRun.SeenInside, Does.Not.Contain(pid), $"{dog}'s process {pid} is not one of the leader's");
        if (index is 1 or 2)
        {
            var address = BridgedNetwork.AddressOf(index);
            Assert.That(memberRuns[index - 1].SeenInside, Does.Contain(pid), $"{dog}'s process {pid} was seen in {Network.Hosts[index].Name}");
            Assert.That(result.Value($"{dog}.base-ip"), Is.EqualTo(address), $"{dog} runs under system {index + 1}'s admin");
            Assert.That(result.Value($"{dog}.answer"), Is.EqualTo($"woof from {address}"), $"{dog} answered across the namespaces");
        }

        return netns;
    }
}
