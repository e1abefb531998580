using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Thespian.Multiproc;
using Thespian.Sockets;
using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Checks a UDP admin port: sends a hello in the admin-probe role from a socket connected to the port, and waits for the
/// answer. Only an admin accepts the role, so an actor's or an application's endpoint that holds the port (both bind
/// ephemeral ports, which a chosen admin port may be) is reported as something else, never joined as if it were the
/// admin. Nothing listening shows at once as "port unreachable" on the connected socket. The hello goes a few times
/// (datagrams may be lost); when nothing answers at all, the port is looked up among this host's bound ones: bound
/// means something that is not Thespian holds it.
/// </summary>
internal sealed class UdpAdminProbe(SystemSecret? secret) : IAdminProbe
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(500);
    private const int Attempts = 8;

    public async Task<(AdminProbeResult Result, string Detail)> ProbeAsync(string endpoint, CancellationToken cancellationToken)
    {
        IPEndPoint remote;
        try
        {
            var (host, port) = IpEndpoints.Parse(endpoint);
            remote = new IPEndPoint(IPAddress.TryParse(host, out var address)
                                        ? address
                                        : (await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false))[0], port);
        }
        catch (Exception ex) when (ex is ArgumentException or SocketException or IndexOutOfRangeException)
        {
            return (AdminProbeResult.Nothing, ex.Message);
        }

        using var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var session = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var hello = new byte[DatagramCodec.HelloLength + DatagramTag.TagLength];
        var helloLength = DatagramCodec.WriteHello(hello, session, WireRole.AdminProbe);
        if (secret is not null)
        {
            helloLength = DatagramTag.Write(secret, hello.AsSpan(0, helloLength), hello);
        }

        var answer = new byte[DatagramCodec.MaxDatagramBytes];
        try
        {
            socket.Connect(remote);
            var wait = FirstWait;
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                await socket.SendAsync(hello.AsMemory(0, helloLength), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(wait);
                try
                {
                    while (true)
                    {
                        var length = await socket.ReceiveAsync(answer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                        if (Judge(answer.AsSpan(0, length), session, secret) is { } result)
                        {
                            return result;
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing within this wait: try again, waiting longer.
                }

                wait = wait * 2 > LongestWait ? LongestWait : wait * 2;
            }
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            return (AdminProbeResult.Nothing, $"nothing listens on UDP {endpoint}");
        }
        catch (SocketException ex)
        {
            return (AdminProbeResult.Nothing, ex.Message);
        }

        return LocalUdpPorts.IsBound(remote.Address, remote.Port)
            ? (AdminProbeResult.Unresponsive, $"something holds UDP {endpoint} but does not answer as Thespian.")
            : (AdminProbeResult.Nothing, $"nothing answered on UDP {endpoint}");
    }

    /// <summary>What an answer says; null for a datagram that is not the answer to this probe (it is ignored).</summary>
    private static (AdminProbeResult Result, string Detail)? Judge(Span<byte> datagram, ulong session, SystemSecret? secret)
    {
        if (secret is not null && DatagramTag.Check(secret, datagram, out var admitted) == TagCheck.Valid)
        {
            datagram = datagram[..admitted];
        }
        else if (DatagramTag.IsTagged(datagram))
        {
            return (AdminProbeResult.Unauthenticated, secret is null
                ? $"The Thespian admin's system has a secret, and this process has none: {SecretSettings.WhatToSet}."
                : $"The Thespian admin's system has another secret than this process: {SecretSettings.WhatToSet}.");
        }

        var header = DatagramCodec.ReadHeader(datagram, out var type, out var answered);
        if (header == HeaderStatus.NotThespian)
        {
            return (AdminProbeResult.SomethingElse, "something that is not Thespian answered");
        }

        if (header == HeaderStatus.OtherVersion)
        {
            return (AdminProbeResult.SomethingElse, "a Thespian endpoint of another version answered; run the same Thespian version on both sides");
        }

        if (type != DatagramType.Answer || answered != session)
        {
            return null;
        }

        try
        {
            var (status, _) = DatagramCodec.ReadAnswer(datagram);
            return status switch
            {
                HandshakeStatus.Accepted => (AdminProbeResult.ThespianAdmin, "Thespian"),
                HandshakeStatus.RoleRefused => (AdminProbeResult.SomethingElse, "a Thespian actor's or application's endpoint, not an admin"),
                HandshakeStatus.AuthenticationRequired or HandshakeStatus.AuthenticationNotExpected or HandshakeStatus.AuthenticationFailed =>
                    (AdminProbeResult.Unauthenticated, Handshake.Refused(status, WireRole.AdminProbe).Message),
                _ => (AdminProbeResult.SomethingElse, Handshake.Refused(status, WireRole.AdminProbe).Message),
            };
        }
        catch (WireProtocolException ex)
        {
            return (AdminProbeResult.SomethingElse, ex.Message);
        }
    }
}
