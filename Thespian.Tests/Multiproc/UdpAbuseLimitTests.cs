using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Thespian.Tests.Unit.Udp;
using Thespian.Wire;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// A fragment flood on a real actor process of multiprocUDPBase, from raw UDP sockets on loopback: many peers each
/// start a message of the largest size and never finish it. The process reserves no more than its reassembly budget,
/// logs the refusals with the peer, and its actor keeps answering.
/// </summary>
public sealed partial class UdpAbuseLimitTests : MultiprocFixture
{
    private const long ReassemblyBudget = 256L * 1024 * 1024;

    protected override string SystemBaseName => SystemBaseNames.MultiprocUdp;

    [Test]
    public void FragmentFlood_LargeMessagesStartedAndNeverFinished_HeldToTheBudgetLoggedAndTheActorKeepsAnswering()
    {
        var system = StartSystem();
        var actor = system.CreateActor<PidActor>();
        var pid = PidOf(system, actor);
        var host = IPEndPoint.Parse(BaseOf(system).Node.Book.RouteOf(actor.Id) ?? throw new AssertionException("no route to the actor"));

        // Each starts a message of the largest size (64 MiB): four fit the budget of 256 MiB, the rest find no room.
        var peers = Enumerable.Range(0, 8).Select(_ => new RawUdpPeer()).ToList();
        try
        {
            foreach (var peer in peers)
            {
                Assert.That(peer.Hello(host), Is.EqualTo(HandshakeStatus.Accepted));
                peer.Send(host, peer.Data(1, RawUdpPeer.FragmentChunk(WireProtocol.DefaultMaxFrameBytes, 0, 1000)));
            }

            var line = WaitForLogLine("a fragment that found no room", " WARN ", $"[{pid}]", "found no room in the reassembly memory");
            Assert.That(peers.Any(p => line.Contains($"Refused input from {p.Endpoint}", StringComparison.Ordinal)), Is.True,
                        $"the line names one of the flooding peers: {line}");
            var held = HeldBytes().Match(line);
            Assert.That(held.Success, Is.True, line);
            var (inUse, limit) = (long.Parse(held.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(held.Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.That(limit, Is.EqualTo(ReassemblyBudget));
            Assert.That(inUse, Is.LessThanOrEqualTo(limit), "what is reserved never passes the budget");
            Assert.That(system.Ask(actor, "pid", Patience), Is.EqualTo(pid), "the actor still answers");
        }
        finally
        {
            peers.ForEach(p => p.Dispose());
        }
    }

    [GeneratedRegex(@"\((\d+) of (\d+) bytes are held")]
    private static partial Regex HeldBytes();
}
