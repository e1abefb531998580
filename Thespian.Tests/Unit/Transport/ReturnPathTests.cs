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

    [Test]
    public async Task AnAdmin_SendsOverTheReturnPath_AndNeverConnects()
    {
        var admin = new TcpTransport(new TcpTransportOptions { Role = WireRole.Admin });
        var outboundOnly = new TcpTransport(new TcpTransportOptions { Role = WireRole.Admin });
        await using var a = admin.ConfigureAwait(false);
        await using var o = outboundOnly.ConfigureAwait(false);
        var adminSink = new RecordingSink();
        var received = new RecordingSink();
        admin.Start(adminSink);
        outboundOnly.Start(received);

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
        var admin = new TcpTransport(new TcpTransportOptions { Role = WireRole.Admin });
        var outboundOnly = new TcpTransport(new TcpTransportOptions { Role = WireRole.Admin });
        await using var a = admin.ConfigureAwait(false);
        await using var o = outboundOnly.ConfigureAwait(false);
        admin.Start(new RecordingSink());
        outboundOnly.Start(new RecordingSink());

        var first = outboundOnly.OpenReturnPathAsync(admin.LocalEndpoint);
        await first.WaitAsync(Patience).ConfigureAwait(false);

        Assert.That(outboundOnly.OpenReturnPathAsync(admin.LocalEndpoint), Is.SameAs(first));
        Assert.That(admin.AcceptedConnections, Is.EqualTo(1));
    }

    [Test]
    public async Task AProcessThatIsNotAnAdmin_RefusesAReturnPath()
    {
        var peer = new TcpTransport(new TcpTransportOptions { Role = WireRole.Peer });
        var outboundOnly = new TcpTransport(new TcpTransportOptions { Role = WireRole.Admin });
        await using var p = peer.ConfigureAwait(false);
        await using var o = outboundOnly.ConfigureAwait(false);
        var peerSink = new RecordingSink();
        peer.Start(peerSink);
        outboundOnly.Start(new RecordingSink());

        var refused = Assert.ThrowsAsync<WireProtocolException>(() => outboundOnly.OpenReturnPathAsync(peer.LocalEndpoint).WaitAsync(Patience));

        Assert.That(refused!.Violation, Is.EqualTo(WireViolation.RoleRefused));
    }

    private static Envelope Numbered(int i, string from) =>
        new(EnvelopeKind.Deliver, ActorId.Zero, ActorId.Zero, ActorId.Zero, from, Encoding.UTF8.GetBytes($"m{i}"));
}
