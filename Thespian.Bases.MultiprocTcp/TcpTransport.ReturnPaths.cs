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
        ConnectionStream? connection = null;
        try
        {
            connection = Connected(BlockingConnect.Open(peer, _options.ConnectTimeout, () => IsStopping), peer);
            BlockingHandshake.ConnectReturnPath(connection, LocalEndpoint, FrameDeadline, _options.Secret);
            if (!_receiving || IsStopping)
            {
                throw new OperationCanceledException("This transport has stopped receiving.");
            }

            _inbound.TryAdd(connection.Socket, 0);
            opened.TrySetResult();
            var receiving = connection;
            connection = null;
            ReceiveFrames(receiving, peer, fromAdmin: false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException or OperationCanceledException or
                                         ArgumentException or WireProtocolException)
        {
            opened.TrySetException(ex);
        }
        finally
        {
            connection?.Dispose();
            _openReturnPaths.TryRemove(new KeyValuePair<string, Task>(peer, opened.Task));
        }
    }

    /// <summary>The accepting side: read the peer's endpoint, keep the connection for sending to it, and say so.</summary>
    private void AcceptReturnPath(ConnectionStream connection)
    {
        var endpoint = BlockingHandshake.ReadReturnPathEndpoint(connection, FrameDeadline);
        if (!IsEndpoint(endpoint))
        {
            throw new WireProtocolException(WireViolation.BadHandshake,
                $"A return path names \"{endpoint}\", which is not an endpoint of this transport.");
        }

        BlockingHandshake.ConfirmReturnPath(connection);
        _returnPaths.Offer(endpoint, connection);
    }

    /// <summary>
    /// A connection for sending to <paramref name="endpoint"/>: the one it offered when it is a return-path peer, else a
    /// fresh connection with the handshake done.
    /// </summary>
    internal ConnectionStream OpenConnection(string endpoint)
    {
        if (_returnPaths.IsReturnPathPeer(endpoint))
        {
            return _returnPaths.Take(endpoint, _options.ConnectTimeout, () => IsStopping);
        }

        var connection = Connected(BlockingConnect.Open(endpoint, _options.ConnectTimeout, () => IsStopping), endpoint);
        try
        {
            BlockingHandshake.Connect(connection, _options.Role, FrameDeadline, _options.Secret);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A socket this transport connected to <paramref name="endpoint"/>, with TLS when the system runs it (closed when that fails).</summary>
    private ConnectionStream Connected(Socket socket, string endpoint)
    {
        try
        {
            return ConnectionStream.Connected(socket, _options.Tls, endpoint, FrameDeadline);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
