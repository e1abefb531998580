using System.Net;
using Thespian.Bases.MultiprocUdp;
using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// What answers on a UDP admin port: an admin's transport accepts the probe; any other Thespian endpoint refuses the
/// role (so it is never joined as an admin); a closed port is "nothing" at once; a socket that answers in something other
/// than Thespian is "something else"; one that keeps silent is "unresponsive" (probed again before it is judged).
/// </summary>
[CancelAfter(60_000)]
public sealed class UdpAdminProbeTests
{
    [Test]
    public async Task Probe_AnAdminsTransport_IsThespianAdmin()
    {
        var admin = new UdpTransport(UdpPair.Options(o => o with { Role = WireRole.Admin }));
        await using var _ = admin.ConfigureAwait(false);
        admin.Start(new RecordingSink());

        var (result, _) = await new UdpAdminProbe(secret: null).ProbeAsync(admin.LocalEndpoint, CancellationToken.None);

        Assert.That(result, Is.EqualTo(AdminProbeResult.ThespianAdmin));
        Assert.That(admin.InboundSessionCount, Is.Zero, "a probe leaves no session behind");
    }

    [Test]
    public async Task Probe_AnotherThespianEndpoint_IsSomethingElse()
    {
        var peer = new UdpTransport(UdpPair.Options(o => o with { Role = WireRole.Client }));
        await using var _ = peer.ConfigureAwait(false);
        peer.Start(new RecordingSink());

        var (result, detail) = await new UdpAdminProbe(secret: null).ProbeAsync(peer.LocalEndpoint, CancellationToken.None);

        Assert.That(result, Is.EqualTo(AdminProbeResult.SomethingElse));
        Assert.That(detail, Does.Contain("not an admin"));
    }

    [Test]
    public async Task Probe_AClosedPort_IsNothing()
    {
        string endpoint;
        using (var gone = new RawUdpPeer())
        {
            endpoint = gone.Endpoint;
        }

        var (result, _) = await new UdpAdminProbe(secret: null).ProbeAsync(endpoint, CancellationToken.None);

        Assert.That(result, Is.EqualTo(AdminProbeResult.Nothing));
    }

    [Test]
    public async Task Probe_ASilentSocket_IsUnresponsive()
    {
        using var silent = new RawUdpPeer();

        var (result, detail) = await new UdpAdminProbe(secret: null).ProbeAsync(silent.Endpoint, CancellationToken.None);

        Assert.That(result, Is.EqualTo(AdminProbeResult.Unresponsive));
        Assert.That(detail, Does.Contain("does not answer as Thespian"));
    }

    [Test]
    public async Task Probe_ASocketAnsweringInAnotherProtocol_IsSomethingElse()
    {
        using var other = new RawUdpPeer();
        var answering = Task.Run(() =>
        {
            var buffer = new byte[2000];
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            other.Socket.ReceiveTimeout = 10_000;
            other.Socket.ReceiveFrom(buffer, ref from);
            other.Socket.SendTo("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray(), from);
        });

        var (result, detail) = await new UdpAdminProbe(secret: null).ProbeAsync(other.Endpoint, CancellationToken.None);
        await answering;

        Assert.That(result, Is.EqualTo(AdminProbeResult.SomethingElse));
        Assert.That(detail, Does.Contain("not Thespian"));
    }
}
