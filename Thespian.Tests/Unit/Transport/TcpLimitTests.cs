using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Tests.Multiproc;
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
        Assert.That(sink.ConnectionFailures, Has.Count.EqualTo(1), string.Join("; ", sink.ConnectionFailures));
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

    [Test]
    public async Task Accept_PastMaxInboundConnections_ClosesTheNewOneAtOnceAndReportsThePeer()
    {
        var (transport, sink) = Started(new TcpTransportOptions { MaxInboundConnections = 2 });
        await using var _ = transport.ConfigureAwait(false);
        using var first = RawConnection.Open(transport.LocalEndpoint);
        using var second = RawConnection.Open(transport.LocalEndpoint);
        Assert.That(first.TryHandshake() && second.TryHandshake(), Is.True, "two connections fit");

        using var third = RawConnection.Open(transport.LocalEndpoint);

        Assert.That(third.TryHandshake(), Is.False, "the third is closed at once");
        Assert.That(transport.RefusedOverLimit, Is.EqualTo(1));
        Assert.That(transport.InboundConnections, Is.EqualTo(2));
        var (remote, reason) = sink.OverLimit.Single();
        Assert.That(remote, Is.EqualTo(third.LocalEndpoint));
        Assert.That(reason, Does.Contain("2 inbound connections are open").And.Contain(CommonCapabilities.MaxInboundConnections));
    }

    [Test]
    public async Task Accept_PastTheBoundOnHandshakes_ClosesTheOneStalledLongestAndReportsIt()
    {
        var (transport, sink) = Started();
        await using var _ = transport.ConfigureAwait(false);
        var stalled = Enumerable.Range(0, TcpLimitSettings.MaxPendingHandshakes).Select(_ => RawConnection.Open(transport.LocalEndpoint)).ToList();
        try
        {
            Assert.That(SpinWait.SpinUntil(() => transport.InboundConnections == stalled.Count, Patience), Is.True, "all accepted");
            Thread.Sleep(TcpLimitSettings.HandshakeGrace + TimeSpan.FromMilliseconds(200));

            using var real = RawConnection.Open(transport.LocalEndpoint);

            Assert.That(real.TryHandshake(), Is.True, "the newcomer is served");
            Assert.That(stalled[0].ExpectClosedByServer(), Is.Empty, "the connection stalled longest made room");
            var (remote, reason) = sink.OverLimit.Single();
            Assert.That(remote, Is.EqualTo(stalled[0].LocalEndpoint));
            Assert.That(reason, Does.StartWith("closed while still in its handshake"));
            Assert.That(sink.Violations, Is.Empty, "its handshake's end is not reported again");
        }
        finally
        {
            stalled.ForEach(c => c.Dispose());
        }
    }

    /// <summary>A transport on a free loopback port, started with a sink that records what it is told.</summary>
    private static (TcpTransport Transport, RecordingSink Sink) Started(TcpTransportOptions? options = null)
    {
        var sink = new RecordingSink();
        var transport = new TcpTransport(options ?? new TcpTransportOptions());
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
