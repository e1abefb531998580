using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Tests.Unit.Udp;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// The TCP transport's limits under abuse as capabilities set them ("Frame Deadline Seconds", "Max Inbound
/// Connections"), and its reports of connections refused or reset, naming the peer (over real loopback sockets).
/// </summary>
public sealed class TcpLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Dictionary<string, object?> With(string name, object? value) => new() { [name] = value };

    [TestCase(2, 2.0)]
    [TestCase(0.5, 0.5)]
    [TestCase("7.5", 7.5)]
    [TestCase(0.01, 0.1)]
    [TestCase(100_000, 3600.0)]
    public void FrameDeadlineFrom_Seconds_TakenWithinTheBounds(object asked, double expected)
    {
        Assert.That(TcpLimitSettings.FrameDeadlineFrom(With(CommonCapabilities.FrameDeadlineSeconds, asked)),
                    Is.EqualTo(TimeSpan.FromSeconds(expected)));
    }

    [TestCase(0)]
    [TestCase(-3)]
    [TestCase("soon")]
    [TestCase(null)]
    [TestCase(double.NaN)]
    public void FrameDeadlineFrom_NotAPositiveNumber_IsTheDefault(object? asked)
    {
        Assert.That(TcpLimitSettings.FrameDeadlineFrom(With(CommonCapabilities.FrameDeadlineSeconds, asked)),
                    Is.EqualTo(WireProtocol.DefaultFrameDeadline));
        Assert.That(TcpLimitSettings.FrameDeadlineFrom(null), Is.EqualTo(WireProtocol.DefaultFrameDeadline));
    }

    [TestCase(1, 1)]
    [TestCase(10_000L, 10_000)]
    [TestCase("64", 64)]
    [TestCase(0, TcpLimitSettings.DefaultMaxInboundConnections)]
    [TestCase(-1, TcpLimitSettings.DefaultMaxInboundConnections)]
    [TestCase("many", TcpLimitSettings.DefaultMaxInboundConnections)]
    public void MaxInboundConnectionsFrom_TakesAWholeNumberOfAtLeastOne(object asked, int expected)
    {
        Assert.That(TcpLimitSettings.MaxInboundConnectionsFrom(With(CommonCapabilities.MaxInboundConnections, asked)), Is.EqualTo(expected));
    }

    [Test]
    public async Task Configure_SetsTheLimitsOnTheTransport()
    {
        var transport = new TcpTransport(new TcpTransportOptions());
        await using var _ = transport.ConfigureAwait(false);

        transport.Configure(new Dictionary<string, object?>
        {
            [CommonCapabilities.FrameDeadlineSeconds] = 3,
            [CommonCapabilities.MaxInboundConnections] = 10,
        });

        Assert.That(transport.FrameDeadline, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(transport.MaxInboundConnections, Is.EqualTo(10));
    }

    [Test]
    public async Task Send_ToAPortWhereNothingListens_ReportsTheRefusalNamingThePeer()
    {
        var (transport, sink) = Started();
        await using var _ = transport.ConfigureAwait(false);
        var nowhere = ClosedPort();

        transport.Send(nowhere, UdpTestEnvelopes.Numbered(1));

        Assert.That(SpinWait.SpinUntil(() => !sink.ConnectionFailures.IsEmpty, Patience), Is.True, "the refusal is reported");
        var (remote, outbound, failure) = sink.ConnectionFailures.Single();
        Assert.Multiple(() =>
        {
            Assert.That(remote, Is.EqualTo(nowhere));
            Assert.That(outbound, Is.True);
            Assert.That(failure, Does.StartWith("was refused"));
            Assert.That(SpinWait.SpinUntil(() => sink.UndeliverableCount == 1, Patience), Is.True, "and the envelope handed back");
        });
    }

    [Test]
    public async Task Connections_ManyRefused_ReportedAFewPerInterval()
    {
        var (transport, sink) = Started();
        await using var _ = transport.ConfigureAwait(false);
        var nowhere = ClosedPort();

        for (var i = 0; i < 40; i++)
        {
            transport.Send(nowhere, UdpTestEnvelopes.Numbered(i));
            Assert.That(SpinWait.SpinUntil(() => sink.UndeliverableCount == i + 1, Patience), Is.True);
        }

        Assert.That(sink.ConnectionFailures, Has.Count.EqualTo(10), "10 reports per 10 s, the rest held back");
    }

    /// <summary>A transport on a free loopback port, started with a sink that records what it is told.</summary>
    private static (TcpTransport Transport, RecordingSink Sink) Started()
    {
        var sink = new RecordingSink();
        var transport = new TcpTransport(new TcpTransportOptions());
        transport.Start(sink);
        return (transport, sink);
    }

    /// <summary>"127.0.0.1:port" of a port that was just free (nothing listens on it).</summary>
    private static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
