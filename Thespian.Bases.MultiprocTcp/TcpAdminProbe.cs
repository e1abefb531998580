using System.Net.Sockets;
using Thespian.Multiproc;
using Thespian.Sockets;
using Thespian.Wire;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Connects to an admin port and tries the Thespian handshake as an admin probe, then hangs up. Only an admin accepts
/// the probe role, so an actor's or an application's endpoint on the port (both listen on ephemeral ports, which a
/// chosen admin port may be) is reported as something else, never joined as if it were the admin.
/// </summary>
internal sealed class TcpAdminProbe(SystemSecret? secret, TlsCredentials? tls = null) : IAdminProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<(AdminProbeResult Result, string Detail)> ProbeAsync(string endpoint, CancellationToken cancellationToken)
    {
        var (host, port) = IpEndpoints.Parse(endpoint);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Deadline);
            await socket.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return (AdminProbeResult.Nothing, ex.Message);
        }

        try
        {
            // Blocking, bounded by the deadline: the same TLS and handshake (and challenge-response) as every connection.
            socket.Blocking = true;
            await Task.Run(() =>
            {
                using var connection = ConnectionStream.Connected(socket, tls, endpoint, Deadline);
                BlockingHandshake.Connect(connection, WireRole.AdminProbe, Deadline, secret);
            }, cancellationToken).ConfigureAwait(false);
            return (AdminProbeResult.ThespianAdmin, "Thespian");
        }
        catch (WireProtocolException ex) when (ex.Violation == WireViolation.AuthenticationFailed)
        {
            return (AdminProbeResult.Unauthenticated, ex.Message);
        }
        catch (WireProtocolException ex) when (ex.Violation == WireViolation.RoleRefused)
        {
            return (AdminProbeResult.SomethingElse, "a Thespian actor's or application's endpoint, not an admin");
        }
        catch (WireProtocolException ex) when (ex.Violation == WireViolation.DeadlineExceeded)
        {
            return (AdminProbeResult.Unresponsive, ex.Message);
        }
        catch (WireProtocolException ex)
        {
            return (AdminProbeResult.SomethingElse, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            return (AdminProbeResult.SomethingElse, ex.Message);
        }
    }
}
