using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Thespian.Benchmarks.Infrastructure.Floors;

/// <summary>
/// A raw loopback TCP echo of a large message between this thread and an echo thread, both with blocking sockets:
/// the sender writes a 4-byte length and the bytes, the echoer reads them all and writes them back, the sender reads
/// them all. Every buffer is allocated once, so this is what the bytes alone cost: the floor under an actor echo of a
/// <c>byte[]</c> of the same size. Dispose to stop the echo thread.
/// </summary>
internal sealed class TcpEchoFloor : IDisposable
{
    private const int PrefixBytes = 4;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Socket _client = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Socket _server;
    private readonly Thread _echo;
    private readonly byte[] _message;
    private readonly byte[] _reply;

    /// <param name="bytes">The message's size (without its length prefix).</param>
    public TcpEchoFloor(int bytes)
    {
        _listener.Start();
        _client.Connect((IPEndPoint)_listener.LocalEndpoint);
        _server = _listener.AcceptSocket();
        _server.NoDelay = true;
        _message = new byte[PrefixBytes + bytes];
        BinaryPrimitives.WriteInt32LittleEndian(_message, bytes);
        new Random(bytes).NextBytes(_message.AsSpan(PrefixBytes));
        _reply = new byte[_message.Length];
        _echo = new Thread(Echo) { IsBackground = true, Name = "tcp echo floor" };
        _echo.Start();
    }

    /// <summary>Times <paramref name="count"/> round trips, one after the other; returns each in milliseconds.</summary>
    /// <exception cref="InvalidOperationException">The echo came back different.</exception>
    public double[] RoundTrips(int count)
    {
        var times = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            SendAll(_client, _message);
            if (!ReceiveAll(_client, _reply))
            {
                throw new InvalidOperationException("The echo thread closed the connection.");
            }

            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (_reply[^1] != _message[^1] || _reply[PrefixBytes] != _message[PrefixBytes])
            {
                throw new InvalidOperationException("The raw echo came back different.");
            }
        }

        return times;
    }

    public void Dispose()
    {
        _client.Shutdown(SocketShutdown.Both);
        _echo.Join(TimeSpan.FromSeconds(5));
        _client.Dispose();
        _server.Dispose();
        _listener.Stop();
        _listener.Dispose();
    }

    /// <summary>Reads a length and that many bytes, writes them back; until the client hangs up.</summary>
    private void Echo()
    {
        var buffer = new byte[_message.Length];
        try
        {
            while (ReceiveAll(_server, buffer.AsSpan(0, PrefixBytes)))
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                if (!ReceiveAll(_server, buffer.AsSpan(PrefixBytes, length)))
                {
                    return;
                }

                SendAll(_server, buffer.AsSpan(0, PrefixBytes + length));
            }
        }
        catch (SocketException)
        {
            // Closed.
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[socket.Send(bytes, SocketFlags.None)..];
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false when the peer closed first.</summary>
    private static bool ReceiveAll(Socket socket, Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = socket.Receive(buffer, SocketFlags.None);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }
}
