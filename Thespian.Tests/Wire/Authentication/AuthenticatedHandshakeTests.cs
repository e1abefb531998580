using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Tests.Wire.Authentication;

/// <summary>
/// The TCP handshake of <see cref="BlockingHandshake"/> over real loopback sockets, with and without secrets on each side:
/// only the same secret on both sides connects; every other pairing is refused on both sides with a message that says
/// what to set.
/// </summary>
public sealed class AuthenticatedHandshakeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly SystemSecret Secret = SystemSecret.FromText("the system's secret");
    private static readonly SystemSecret Other = SystemSecret.FromText("another system's secret");

    [Test]
    public void Handshake_SameSecret_AcceptedWithTheRole()
    {
        var (connect, accept) = Run(WireRole.Client, Secret, Secret);

        Assert.That(connect, Is.Null);
        Assert.That(accept.Role, Is.EqualTo(WireRole.Client));
    }

    [Test]
    public void Handshake_NoSecrets_AcceptedAsBefore()
    {
        var (connect, accept) = Run(WireRole.Peer, null, null);

        Assert.That(connect, Is.Null);
        Assert.That(accept.Role, Is.EqualTo(WireRole.Peer));
    }

    [TestCase(true, false, TestName = "Handshake_ConnectingSideWithoutSecret_RefusedOnBothSides")]
    [TestCase(false, true, TestName = "Handshake_AcceptingSideWithoutSecret_RefusedOnBothSides")]
    [TestCase(true, true, TestName = "Handshake_DifferentSecrets_RefusedOnBothSides")]
    public void Handshake_SecretsDiffer_RefusedOnBothSides(bool acceptorHasSecret, bool connectorHasSecret)
    {
        var acceptor = acceptorHasSecret ? Secret : null;
        var connector = connectorHasSecret ? (acceptorHasSecret ? Other : Secret) : null;

        var (connect, accept) = Run(WireRole.Peer, acceptor, connector);

        Assert.That(connect, Is.InstanceOf<WireProtocolException>().With.Property(nameof(WireProtocolException.Violation))
                                .EqualTo(WireViolation.AuthenticationFailed));
        Assert.That(connect!.Message, Does.Contain("Thespian Secret File"));
        Assert.That(accept.Error, Is.InstanceOf<WireProtocolException>().With.Property(nameof(WireProtocolException.Violation))
                                    .EqualTo(WireViolation.AuthenticationFailed));
    }

    [Test]
    public void Handshake_SameSecretRoleNotServed_RoleRefusedAfterProof()
    {
        var (connect, accept) = Run(WireRole.AdminProbe, Secret, Secret, serves: _ => false);

        Assert.That(connect, Is.InstanceOf<WireProtocolException>().With.Property(nameof(WireProtocolException.Violation))
                                .EqualTo(WireViolation.RoleRefused));
        Assert.That(accept.Error, Is.InstanceOf<WireProtocolException>().With.Property(nameof(WireProtocolException.Violation))
                                    .EqualTo(WireViolation.RoleRefused));
    }

    [Test]
    public void Accept_PlainGreetingFollowedByFrames_RefusedWithoutReadingThem()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var server = listener.AcceptSocket();
        var hello = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(hello, WireRole.Peer);
        client.Send([.. hello, .. new byte[] { 100, 0, 0, 0 }, .. new byte[100]]);

        var refusal = Assert.Throws<WireProtocolException>(() => BlockingHandshake.Accept(new PlainConnectionStream(server), Deadline, _ => true, Secret));

        Assert.That(refusal!.Violation, Is.EqualTo(WireViolation.AuthenticationFailed));
        var answer = new byte[WireProtocol.HandshakeLength];
        Assert.That(client.Receive(answer), Is.EqualTo(WireProtocol.HandshakeLength));
        Assert.That(Handshake.ReadReply(answer), Is.EqualTo(HandshakeStatus.AuthenticationRequired));
        Assert.That(server.Available, Is.EqualTo(104), "the frame after the greeting was never read");
    }

    private static (Exception? Connect, (WireRole? Role, Exception? Error) Accept) Run(
        WireRole role, SystemSecret? acceptor, SystemSecret? connector, Func<WireRole, bool>? serves = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepting = Task.Run(() =>
        {
            using var server = listener.AcceptSocket();
            try
            {
                return ((WireRole?)BlockingHandshake.Accept(new PlainConnectionStream(server), Deadline, serves ?? (_ => true), acceptor), (Exception?)null);
            }
            catch (WireProtocolException ex)
            {
                return (null, ex);
            }
        });
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        Exception? connectError = null;
        try
        {
            BlockingHandshake.Connect(new PlainConnectionStream(client), role, Deadline, connector);
        }
        catch (WireProtocolException ex)
        {
            connectError = ex;
        }

        Assert.That(accepting.Wait(Deadline), Is.True, "the accepting side finished");
        return (connectError, accepting.Result);
    }
}
