using System.Text;
using Thespian.Bases.MultiprocTcp;
using Thespian.Tests.Transport.Conformance;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Transport;

/// <summary>
/// Return paths over TCP ("Outbound Only"): a process opens a connection to an admin, and the admin sends to that
/// process over it, in order and acknowledged, without ever connecting to it; only an admin accepts a return path.
/// </summary>
public sealed class ReturnPathTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<TcpTransport> _transports = [];

    [TearDown]
    public async Task DisposeTransports()
    {
        foreach (var transport in _transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }

        _transports.Clear();
    }

    [Test]
    public async Task AnAdmin_SendsOverTheReturnPath_AndNeverConnects()
    {
        var (admin, adminSink) = Started(WireRole.Admin);
        var (outboundOnly, received) = Started(WireRole.Admin);

        await outboundOnly.OpenReturnPathAsync(admin.LocalEndpoint).WaitAsync(Patience).ConfigureAwait(false);
        for (var i = 0; i < 50; i++)
        {
            admin.Send(outboundOnly.LocalEndpoint, Numbered(i, admin.LocalEndpoint));
        }

        await admin.FlushAsync(Patience).ConfigureAwait(false);
        Assert.That(received.Received.Select(e => Encoding.UTF8.GetString(e.Body.Span)),
                    Is.EqualTo(Enumerable.Range(0, 50).Select(i => $"m{i}")), "every envelope arrived, in order");
        Assert.That(outboundOnly.AcceptedConnections, Is.Zero, "the admin never connected to the outbound-only process");
        Assert.That(adminSink.Undeliverable, Is.Empty, "everything was acknowledged");
    }

    [Test]
    public async Task OpeningAgain_WhileOpen_ReusesTheReturnPath()
    {
        var (admin, _) = Started(WireRole.Admin);
        var (outboundOnly, _) = Started(WireRole.Admin);

        var first = outboundOnly.OpenReturnPathAsync(admin.LocalEndpoint);
        await first.WaitAsync(Patience).ConfigureAwait(false);

        Assert.That(outboundOnly.OpenReturnPathAsync(admin.LocalEndpoint), Is.SameAs(first));
        Assert.That(admin.AcceptedConnections, Is.EqualTo(1));
    }

    [Test]
    public void AProcessThatIsNotAnAdmin_RefusesAReturnPath()
    {
        var (peer, _) = Started(WireRole.Peer);
        var (outboundOnly, _) = Started(WireRole.Admin);

        var refused = Assert.ThrowsAsync<WireProtocolException>(() => outboundOnly.OpenReturnPathAsync(peer.LocalEndpoint).WaitAsync(Patience));

        Assert.That(refused!.Violation, Is.EqualTo(WireViolation.RoleRefused));
    }

    /// <summary>A started transport of <paramref name="role"/> and the sink that records what it receives (disposed at teardown).</summary>
    private (TcpTransport Transport, RecordingSink Sink) Started(WireRole role)
    {
        var transport = new TcpTransport(new TcpTransportOptions { Role = role });
        _transports.Add(transport);
        var sink = new RecordingSink();
        transport.Start(sink);
        return (transport, sink);
    }

    private static Envelope Numbered(int i, string from) =>
        new(EnvelopeKind.Deliver, ActorId.Zero, ActorId.Zero, ActorId.Zero, from, Encoding.UTF8.GetBytes($"m{i}"));
}
