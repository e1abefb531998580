using System.Collections.Concurrent;
using System.Net.Sockets;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Return paths (<see cref="WireRole.ReturnPath"/>), for "Outbound Only" systems: the outbound-only admin opens a
/// connection to each admin it deals with and receives on it; the other admin sends on it instead of connecting.
/// </summary>
internal sealed partial class TcpTransport
{
    private readonly ReturnPathRegistry _returnPaths = new();
    private readonly ConcurrentDictionary<string, Task> _openReturnPaths = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task OpenReturnPathAsync(string peer)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        while (true)
        {
            if (_openReturnPaths.TryGetValue(peer, out var open))
            {
                return open;
            }

            var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_openReturnPaths.TryAdd(peer, opened.Task))
            {
                LoopThreads.Shared.Start("Thespian return path", () => RunReturnPath(peer, opened));
                return opened.Task;
            }
        }
    }

    /// <summary>
    /// The connecting side: connect, announce this endpoint, wait until the peer has taken the connection, then receive
    /// on it until it closes (a later <see cref="OpenReturnPathAsync"/> opens a new one).
    /// </summary>
    private void RunReturnPath(string peer, TaskCompletionSource opened)
    {
        Socket? socket = null;
        try
        {
            socket = BlockingConnect.Open(peer, _options.ConnectTimeout, () => IsStopping);
            BlockingHandshake.ConnectReturnPath(socket, LocalEndpoint, FrameDeadline, _options.Secret);
            if (!_receiving || IsStopping)
            {
                throw new OperationCanceledException("This transport has stopped receiving.");
            }

            _inbound.TryAdd(socket, 0);
            opened.TrySetResult();
            var receiving = socket;
            socket = null;
            ReceiveFrames(receiving, peer, fromAdmin: false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException or
                                         ArgumentException)
        {
            opened.TrySetException(ex);
        }
        finally
        {
            socket?.Dispose();
            _openReturnPaths.TryRemove(new KeyValuePair<string, Task>(peer, opened.Task));
        }
    }

    /// <summary>The accepting side: read the peer's endpoint, keep the connection for sending to it, and say so.</summary>
    private void AcceptReturnPath(Socket socket)
    {
        var endpoint = BlockingHandshake.ReadReturnPathEndpoint(socket, FrameDeadline);
        if (!IsEndpoint(endpoint))
        {
            throw new WireProtocolException(WireViolation.BadHandshake,
                $"A return path names \"{endpoint}\", which is not an endpoint of this transport.");
        }

        BlockingHandshake.ConfirmReturnPath(socket);
        _returnPaths.Offer(endpoint, socket);
    }

    /// <summary>
    /// A connection for sending to <paramref name="endpoint"/>: the one it offered when it is a return-path peer, else a
    /// fresh connection with the handshake done.
    /// </summary>
    internal Socket OpenConnection(string endpoint)
    {
        if (_returnPaths.IsReturnPathPeer(endpoint))
        {
            return _returnPaths.Take(endpoint, _options.ConnectTimeout, () => IsStopping);
        }

        var socket = BlockingConnect.Open(endpoint, _options.ConnectTimeout, () => IsStopping);
        try
        {
            BlockingHandshake.Connect(socket, _options.Role, FrameDeadline, _options.Secret);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
