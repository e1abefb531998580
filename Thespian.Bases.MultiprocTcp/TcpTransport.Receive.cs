using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

internal sealed partial class TcpTransport
{
    private readonly RateLimitedReports _refusals = new(TimeSpan.FromSeconds(10), perInterval: 10);
    private int _acceptedConnections;
    private long _refusedUnauthenticated;

    /// <summary>How many connections the listener has accepted (return paths this process opened are not among them).</summary>
    internal int AcceptedConnections => Volatile.Read(ref _acceptedConnections);

    /// <summary>How many connections were refused because they could not prove the system's secret (or offered one where none is set).</summary>
    internal long RefusedUnauthenticated => Interlocked.Read(ref _refusedUnauthenticated);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            if (!_receiving)
            {
                socket.Dispose();
                return;
            }

            socket.NoDelay = true;
            Interlocked.Increment(ref _acceptedConnections);
            var remote = RemoteOf(socket);
            if (!Admit(socket, remote))
            {
                continue;
            }

            LoopThreads.Shared.Start("Thespian receive", () => ReceiveLoop(socket, remote));
        }
    }

    /// <summary>
    /// One inbound connection, on a thread of its own that blocks in the kernel between frames (it wakes straight into
    /// the parsing and the hand-over, with no thread-pool hop): the handshake, then frames until the peer closes. A
    /// protocol violation closes this connection only and is reported to the sink for logging. Before it waits for
    /// more bytes, the thread acknowledges whatever has been done.
    /// </summary>
    private void ReceiveLoop(Socket socket, string remote)
    {
        ConnectionStream? connection = null;
        WireRole role;
        try
        {
            socket.Blocking = true;
            connection = ConnectionStream.Accepted(socket, _options.Tls, FrameDeadline);
            role = BlockingHandshake.Accept(connection, FrameDeadline, Serves, _options.Secret);
            EndHandshake(socket);
            if (role == WireRole.ReturnPath)
            {
                AcceptReturnPath(connection);
                _inbound.TryRemove(socket, out _);
                return;
            }
        }
        catch (Exception) when (WasEvicted(socket))
        {
            // Closed to make room for newer connections (reported then).
            CloseAccepted(socket, connection);
            return;
        }
        catch (WireProtocolException ex)
        {
            if (ex.Violation == WireViolation.AuthenticationFailed)
            {
                Interlocked.Increment(ref _refusedUnauthenticated);
            }

            ReportViolation(remote, ex);
            CloseAccepted(socket, connection);
            return;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away (reported if it reset the connection) or this transport is stopping.
            ReportConnectionFailure(remote, outbound: false, ex, inFlight: true);
            CloseAccepted(socket, connection);
            return;
        }
        catch (Exception ex)
        {
            // A fault in this side's checks: close this connection, keep the process.
            Sink.OnProtocolViolation(remote, ex);
            CloseAccepted(socket, connection);
            return;
        }

        ReceiveFrames(connection, remote, fromAdmin: role == WireRole.Admin);
    }

    private void CloseAccepted(Socket socket, ConnectionStream? connection)
    {
        EndHandshake(socket);
        _evicted.TryRemove(socket, out _);
        _inbound.TryRemove(socket, out _);
        connection?.Dispose();
        socket.Dispose();
    }

    /// <summary>
    /// Frames from a connection whose handshake is done (one accepted here, or a return path this process opened), on
    /// the calling thread, until the peer closes; the connection is closed at the end.
    /// </summary>
    private void ReceiveFrames(ConnectionStream connection, string remote, bool fromAdmin)
    {
        InboundReceipt? receipt = null;
        SocketFrameReader? reader = null;
        try
        {
            receipt = new InboundReceipt(connection, fromAdmin);

            // What was done is acknowledged before the thread waits for more bytes (on a busy connection, after its poll).
            // With TLS, decrypted bytes may wait in the TLS stream while the socket has none: no polling there.
            var poller = connection.MayPollSocket ? new ReceivePoller(connection.Socket, () => Volatile.Read(ref _receivePollTicks)) : null;
            reader = new SocketFrameReader(connection, MaxMessageBytes, FrameDeadline, poller, receipt.Acknowledge);
            try
            {
                while (true)
                {
                    receipt.WaitForRoom(_reading.Token);
                    var payload = reader.ReadFrame();
                    _reading.Token.ThrowIfCancellationRequested();
                    if (payload is not { } frame)
                    {
                        break;
                    }

                    receipt.Received();
                    Sink.OnEnvelope(Envelope.Read(frame, keepBody: reader.LastFrameDetached), receipt);
                }
            }
            catch (Exception ex) when (IsLeavingGracefully(ex))
            {
                // Leaving gracefully: what was handed on is finished by the owner, then acknowledged, then the
                // connection closes; anything unread is unacknowledged, so its sender dead-letters it.
                Task.WhenAny(_closeInbound.Task, Task.Delay(GracefulCloseLimit)).GetAwaiter().GetResult();
                receipt.Acknowledge();
            }
        }
        catch (WireProtocolException ex)
        {
            ReportViolation(remote, ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away (reported if it reset the connection in the middle of a frame) or this transport is stopping.
            ReportConnectionFailure(remote, outbound: false, ex, inFlight: reader?.InFrame == true);
        }
        catch (Exception ex)
        {
            // A fault while handing an envelope on: close this connection, keep the process.
            Sink.OnProtocolViolation(remote, ex);
        }
        finally
        {
            receipt?.Dispose();
            _evicted.TryRemove(connection.Socket, out _);
            _inbound.TryRemove(connection.Socket, out _);
            connection.Dispose();
        }
    }

    /// <summary>Every role but the admin probe and return paths, which only an admin's transport accepts.</summary>
    private bool Serves(WireRole role) => role is not (WireRole.AdminProbe or WireRole.ReturnPath) || _options.Role == WireRole.Admin;

    /// <summary>Whether a receive ended because this transport stopped reading (not stopping altogether).</summary>

    private bool IsLeavingGracefully(Exception ex) =>
        _reading.IsCancellationRequested && !_stopping.IsCancellationRequested &&
        ex is OperationCanceledException or SocketException or WireProtocolException { Violation: WireViolation.Truncated };
}
