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
            var ack = new byte[WireProtocol.FrameHeaderLength];
            var handedOn = 0;
            while (await reader.ReadFrameAsync(_stopping.Token).ConfigureAwait(false) is { } payload)
            {
                Sink.OnEnvelope(Envelope.Read(payload.Span));
                handedOn++;
                if (!reader.HasBufferedFrame)
                {
                    // Acknowledge what was handed on before waiting for more: the sender may now forget it.
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(ack, handedOn);
                    await stream.WriteAsync(ack, _stopping.Token).ConfigureAwait(false);
                    handedOn = 0;
                }
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
