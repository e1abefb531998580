using System.Net.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

internal sealed partial class TcpTransport
{
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
            _inbound.TryAdd(socket, 0);
            _ = Task.Run(() => ReceiveLoopAsync(socket));
        }
    }

    /// <summary>
    /// One inbound connection: the handshake, then frames until the peer closes. A protocol violation
    /// closes this connection only and is reported to the sink for logging.
    /// </summary>
    private async Task ReceiveLoopAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown peer";
        try
        {
            var stream = new NetworkStream(socket, ownsSocket: true);
            await using var streamScope = stream.ConfigureAwait(false);
            await Handshake.AcceptAsync(stream, _options.FrameDeadline, static _ => true, _stopping.Token)
                           .ConfigureAwait(false);
            var reader = new FrameReader(stream, MaxMessageBytes, _options.FrameDeadline);
            using var receipt = new InboundReceipt(stream, _stopping.Token);
            try
            {
                while (true)
                {
                    await receipt.WaitForRoomAsync(_reading.Token).ConfigureAwait(false);
                    if (await reader.ReadFrameAsync(_reading.Token).ConfigureAwait(false) is not { } payload)
                    {
                        break;
                    }

                    Sink.OnEnvelope(Envelope.Read(payload.Span), receipt);
                }
            }
            catch (OperationCanceledException) when (_reading.IsCancellationRequested && !_stopping.IsCancellationRequested)
            {
                // Leaving gracefully: what was handed on is finished by the owner, then acknowledged, then the
                // connection closes; anything unread is unacknowledged, so its sender dead-letters it.
                await Task.WhenAny(_closeInbound.Task, Task.Delay(GracefulCloseLimit)).ConfigureAwait(false);
                await receipt.FlushAsync(GracefulCloseLimit).ConfigureAwait(false);
            }
        }
        catch (WireProtocolException ex)
        {
            Sink.OnProtocolViolation(remote, ex);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away or this transport is stopping: nothing to report.
        }
        catch (Exception ex)
        {
            // A fault while handing an envelope on: close this connection, keep the process.
            Sink.OnProtocolViolation(remote, ex);
        }
        finally
        {
            _inbound.TryRemove(socket, out _);
            socket.Dispose();
        }
    }
}
