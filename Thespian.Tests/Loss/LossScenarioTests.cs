using System.Globalization;
using Thespian.Tests.Multiproc;

namespace Thespian.Tests.Loss;

/// <summary>
/// A multiproc system whose every packet of its protocol may be dropped (5% and 20%, at random) still does its work:
/// 100,000 tells from one actor to another arrive whole and in order, asks and creates succeed, and a killed actor
/// process is noticed (its parent gets ChildActorExited, a message to it becomes a dead letter); no other message becomes
/// a dead letter on the way. The system runs in
/// the peer program (its "loss-scenario" command, Thespian.Tests.Peer/LossScenario.cs) inside a network namespace of
/// its own; afterwards nothing of it may still run. Every base of <see cref="LossBases"/> at every rate.
/// </summary>
[NonParallelizable]
public sealed class LossScenarioTests : LossFixture
{
    private const int Tells = 100_000;
    private const int Asks = 200;
    private const int Creates = 20;

    /// <summary>Enough packets that the share dropped says something about the rule.</summary>
    private const int MinimumPackets = 1000;

    /// <summary>A hang guard, never a measure of speed (on two busy cores, 20% TCP loss takes about two minutes).</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    /// <summary>Kernel counters that show how the loss was recovered from (retransmissions, timeouts; UDP's drops).</summary>
    private static readonly string[] ReportedKernelCounters =
        ["Tcp.OutSegs", "Tcp.RetransSegs", "TcpExt.TCPSynRetrans", "TcpExt.TCPTimeouts", "TcpExt.TCPLossProbes",
         "Udp.InDatagrams", "Udp.OutDatagrams", "Udp.RcvbufErrors"];

    private static readonly string[] PrintedProcessIds =
        ["pid", "tells.sender-pid", "tells.receiver-pid", "collector.pid", "death.parent-pid", "death.victim-pid"];

    [TestCaseSource(typeof(LossBases), nameof(LossBases.Cases))]
    public void Scenario_RandomPacketLoss_TellsWholeAndInOrder_AsksAndCreatesSucceed_DeathNoticed(LossBase lossBase, int percent)
    {
        var rule = InstallDropRule(lossBase.Protocol, percent);
        var port = MultiprocSupport.FreePort().ToString(CultureInfo.InvariantCulture);

        var run = NamespacedPeer.Run(
            Space,
            [port, "--log", LogFile, "--base", lossBase.Name, "loss-scenario", $"{Tells}", $"{Asks}", $"{Creates}"],
            Limit);

        var counters = rule.Counters();
        var kernel = Space.KernelCounters();
        var result = run.Result;
        var processes = ProcessesOf(result).Union(run.SeenInside).ToList();
        // Checked from the root namespace through /proc: the processes printed or seen, then anything else in the namespace.
        var lingering = Space.WaitUntilGone(processes, TimeSpan.FromSeconds(10));
        var leftovers = Space.KillLeftovers(TimeSpan.Zero);
        var kernelText = string.Join(", ", ReportedKernelCounters.Select(name => $"{name}={kernel.GetValueOrDefault(name)}"));
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rule}: {counters}; the peer ran {run.Elapsed.TotalSeconds:0.0} s (tells {result.Value("tells.seconds")} s, " +
            $"asks {result.Value("asks.seconds")} s, creates {result.Value("creates.seconds")} s, death {result.Value("death.seconds")} s); " +
            $"{processes.Count} processes seen; the namespace's kernel counters: {kernelText}\n{result}"));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Value("base"), Is.EqualTo(lossBase.Name));
            Assert.That(result.Value("tells.complete"), Is.EqualTo("true"), "the end of the sequence reached the receiver");
            Assert.That(IntValue(result, "tells.sent"), Is.EqualTo(Tells));
            Assert.That(IntValue(result, "tells.received"), Is.EqualTo(Tells), "every tell arrived");
            Assert.That(result.Value("tells.in-order"), Is.EqualTo("true"), $"in order: {result.Value("tells.first-anomaly")}");
            Assert.That(IntValue(result, "asks.ok"), Is.EqualTo(Asks), $"every ask answered: {result.Value("asks.first-failure")}");
            Assert.That(IntValue(result, "creates.ok"), Is.EqualTo(Creates), $"every create ran: {result.Value("creates.first-failure")}");
            Assert.That(IntValue(result, "lost.count"), Is.Zero, $"no message became a dead letter before the death phase: {result.Value("lost.first")}");
            Assert.That(result.Value("death.child-exited"), Is.EqualTo("true"), "the parent got ChildActorExited for the killed child");
            Assert.That(result.Value("death.dead-letter"), Is.EqualTo("true"), "a message to the killed child became a dead letter");
            Assert.That(result.Value("death.parent-alive"), Is.EqualTo("true"), "the parent lives on");
            Assert.That(result.Value("shutdown"), Is.EqualTo("ok"));
            Assert.That(counters.Seen, Is.GreaterThanOrEqualTo(MinimumPackets), $"the system's {lossBase.Protocol} traffic crossed the rule");
            Assert.That(counters.FitsShare(percent), Is.True, $"{counters} is about {percent}%");
            Assert.That(run.SeenInside, Does.Contain(IntValue(result, "tells.sender-pid")).And.Contain(IntValue(result, "tells.receiver-pid")),
                        $"the actors ran inside {Space.Name}");
            Assert.That(lingering, Is.Empty, $"processes printed or seen still running in {Space.Name} 10 s after Shutdown");
            Assert.That(leftovers, Is.Empty, $"processes still running in {Space.Name} after Shutdown (killed)");
        });
    }

    /// <summary>The process ids the peer printed: its own, its actors' and those of the created actors.</summary>
    private static IEnumerable<int> ProcessesOf(PeerResult result)
    {
        var single = PrintedProcessIds.Select(key => IntValue(result, key)).OfType<int>();
        var created = (result.Value("creates.pids") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                                                           .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture));
        return single.Concat(created);
    }
}
