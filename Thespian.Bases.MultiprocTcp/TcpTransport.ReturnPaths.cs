using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Thespian.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Return paths (<see cref="WireRole.ReturnPath"/>), for "Outbound Only" systems: the outbound-only admin opens a
/// connection to each admin it deals with and receives on it; the other admin sends on it instead of connecting.
/// </summary>
internal sealed partial class TcpTransport
{
    private const byte ReturnPathTaken = 1;
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
            BlockingHandshake.Connect(socket, WireRole.ReturnPath, _options.FrameDeadline);
            var endpoint = Encoding.UTF8.GetBytes(LocalEndpoint);
            var announce = new byte[2 + endpoint.Length];
            BinaryPrimitives.WriteUInt16LittleEndian(announce, (ushort)endpoint.Length);
            endpoint.CopyTo(announce, 2);
            socket.Send(announce);
            var taken = new byte[1];
            socket.ReceiveTimeout = (int)_options.FrameDeadline.TotalMilliseconds;
            if (socket.Receive(taken) != 1 || taken[0] != ReturnPathTaken)
            {
                throw new WireProtocolException(WireViolation.BadHandshake, $"{peer} did not take the return path.");
            }

            socket.ReceiveTimeout = 0;
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
        catch (Exception ex) when (ex is SocketException or IOException or WireProtocolException or ObjectDisposedException or
                                         OperationCanceledException or ArgumentException)
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
        var length = new byte[2];
        ReceiveExactly(socket, length);
        var text = new byte[BinaryPrimitives.ReadUInt16LittleEndian(length)];
        ReceiveExactly(socket, text);
        var endpoint = Encoding.UTF8.GetString(text);
        if (!IsEndpoint(endpoint))
        {
            throw new WireProtocolException(WireViolation.BadHandshake,
                $"A return path names \"{endpoint}\", which is not an endpoint of this transport.");
        }

        socket.ReceiveTimeout = 0;
        socket.Send([ReturnPathTaken]);
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
            BlockingHandshake.Connect(socket, _options.Role, _options.FrameDeadline);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void ReceiveExactly(Socket socket, byte[] buffer)
    {
        socket.ReceiveTimeout = (int)_options.FrameDeadline.TotalMilliseconds;
        var got = 0;
        while (got < buffer.Length)
        {
            var read = socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
            if (read == 0)
            {
                throw new WireProtocolException(WireViolation.BadHandshake, "A return path closed before naming its endpoint.");
            }

            got += read;
        }
    }
}
