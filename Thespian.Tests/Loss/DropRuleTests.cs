namespace Thespian.Tests.Loss;

/// <summary>
/// The drop rule does what the loss tests rely on: inside its namespace it drops about the given share of the
/// protocol's packets, at random, and nothing else. The peer program's "udp-probe" sends numbered datagrams over the
/// namespace's loopback and counts the distinct ones that arrive.
/// </summary>
[NonParallelizable]
public sealed class DropRuleTests : LossFixture
{
    private const int Datagrams = 2000;
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromMinutes(2);

    [TestCase(5)]
    [TestCase(20)]
    public void UdpRule_NumberedDatagrams_ExactlyTheDroppedOnesAreMissingAndTheyAreAboutThatShare(int percent)
    {
        var rule = InstallDropRule(LossProtocol.Udp, percent);

        var run = NamespacedPeer.Run(Space, ["udp-probe", $"{Datagrams}"], ProbeLimit);

        var counters = rule.Counters();
        var result = run.Result;
        TestContext.Out.WriteLine($"{rule}: {counters}; probe:\n{result}");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(IntValue(result, "probe.sent"), Is.EqualTo(Datagrams));
            Assert.That(IntValue(result, "probe.receive-buffer-errors"), Is.Zero, "no datagram was lost to a full receive buffer");
            Assert.That(counters.Seen, Is.EqualTo(Datagrams), "every datagram reached the rules once");
            Assert.That(IntValue(result, "probe.received"), Is.EqualTo(Datagrams - counters.Dropped),
                        "the datagrams that arrived are exactly those the rule did not drop");
            Assert.That(IntValue(result, "probe.duplicates"), Is.Zero);
            Assert.That(counters.FitsShare(percent), Is.True, $"{counters} is about {percent}%");
        });
    }

    [Test]
    public void TcpRule_NumberedDatagrams_EveryOneArrives()
    {
        var rule = InstallDropRule(LossProtocol.Tcp, 20);

        var run = NamespacedPeer.Run(Space, ["udp-probe", $"{Datagrams}"], ProbeLimit);

        var counters = rule.Counters();
        var result = run.Result;
        TestContext.Out.WriteLine($"{rule}: {counters}; probe:\n{result}");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(IntValue(result, "probe.received"), Is.EqualTo(Datagrams), "a TCP rule drops no datagram");
            Assert.That(counters, Is.EqualTo(new DropCounters(0, 0)), "no TCP packet was seen");
        });
    }
}
