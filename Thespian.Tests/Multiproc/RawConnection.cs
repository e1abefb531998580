using Thespian.Sockets;
using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocTcp;
using Thespian.Wire;

namespace Thespian.Tests.Multiproc;

/// <summary>
/// A hand-driven TCP connection to a Thespian endpoint (the admin port or an actor host), for sending
/// what a well-behaved peer never would. IPv4 only, so <see cref="LocalEndpoint"/> reads exactly as the
/// server logs the remote end ("127.0.0.1:port").
/// </summary>
public sealed class RawConnection : IDisposable
{
    private readonly Socket _socket;

    private RawConnection(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>This side's "address:port", as the server sees (and logs) it.</summary>
    public string LocalEndpoint => _socket.LocalEndPoint!.ToString()!;

    /// <summary>Connects to "host:port".</summary>
    public static RawConnection Open(string endpoint)
    {
        var (host, port) = IpEndpoints.Parse(endpoint);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(IPAddress.Parse(host), port);
        return new RawConnection(socket);
    }

    /// <summary>Sends bytes as they are.</summary>
    public void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[_socket.Send(bytes)..];
        }
    }

    /// <summary>Sends a greeting with <paramref name="version"/> and returns the server's 8-byte answer.</summary>
    internal byte[] Greet(ushort version = WireProtocol.Version, WireRole role = WireRole.Peer)
    {
        var hello = new byte[WireProtocol.HandshakeLength];
        "THSP"u8.CopyTo(hello);
        BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(4), version);
        hello[6] = (byte)role;
        Send(hello);
        return ReadExactly(WireProtocol.HandshakeLength);
    }

    /// <summary>Performs a correct handshake and asserts that the server accepted it.</summary>
    public void HandshakeCorrectly()
    {
        var answer = Greet();
        Assert.That(StatusOf(answer), Is.EqualTo((byte)HandshakeStatus.Accepted), "the server accepted a correct handshake");
    }

    /// <summary>The status byte of a handshake answer (after checking its magic bytes).</summary>
    public static byte StatusOf(byte[] answer)
    {
        Assert.That(answer.AsSpan(0, 4).ToArray(), Is.EqualTo("THSP"u8.ToArray()), "the answer starts with the Thespian magic bytes");
        return answer[6];
    }

    /// <summary>Sends one frame carrying an envelope.</summary>
    internal void SendEnvelope(Envelope envelope)
    {
        var payload = new ArrayBufferWriter<byte>();
        envelope.WriteTo(payload);
        var frame = new ArrayBufferWriter<byte>();
        FrameCodec.Write(frame, payload.WrittenSpan);
        Send(frame.WrittenSpan);
    }

    /// <summary>Reads the server's acknowledgement (an int32 count of frames it handed on).</summary>
    public int ReadAcknowledgement() => BinaryPrimitives.ReadInt32LittleEndian(ReadExactly(WireProtocol.FrameHeaderLength));

    /// <summary>Stops sending (the server reads end-of-stream) while still reading.</summary>
    public void StopSending() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads exactly <paramref name="count"/> bytes, failing the test if the server closes or stays silent.</summary>
    public byte[] ReadExactly(int count)
    {
        var buffer = new byte[count];
        var read = 0;
        _socket.ReceiveTimeout = (int)MultiprocFixtureTimeouts.Read.TotalMilliseconds;
        while (read < count)
        {
            var n = _socket.Receive(buffer, read, count - read, SocketFlags.None);
            if (n == 0)
            {
                Assert.Fail($"The server closed the connection after {read} of {count} expected bytes.");
            }

            read += n;
        }

        return buffer;
    }

    /// <summary>
    /// Waits until the server closes the connection (a read returns 0, or the connection is reset);
    /// returns what arrived before that. Fails if the server keeps it open.
    /// </summary>
    public byte[] ExpectClosedByServer()
    {
        _socket.ReceiveTimeout = (int)MultiprocFixtureTimeouts.Read.TotalMilliseconds;
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            int n;
            try
            {
                n = _socket.Receive(buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                return [.. received];
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
                Assert.Fail($"The server kept the connection open for {MultiprocFixtureTimeouts.Read.TotalSeconds} s after the violation.");
                throw;
            }

            if (n == 0)
            {
                return [.. received];
            }

            received.AddRange(buffer.AsSpan(0, n));
        }
    }

    /// <summary>Aborts the connection: closes it with a reset (RST) instead of an orderly close.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(enable: true, seconds: 0);
        _socket.Close();
    }

    /// <summary>
    /// Sends a correct greeting and reads the answer: true when the server accepted it, false when it closed (or reset) the
    /// connection instead of answering.
    /// </summary>
    internal bool TryHandshake()
    {
        var hello = new byte[WireProtocol.HandshakeLength];
        "THSP"u8.CopyTo(hello);
        BinaryPrimitives.WriteUInt16LittleEndian(hello.AsSpan(4), WireProtocol.Version);
        hello[6] = (byte)WireRole.Peer;
        try
        {
            Send(hello);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            return false;
        }

        var answer = ExpectClosedByServerOr(WireProtocol.HandshakeLength);
        return answer.Length == WireProtocol.HandshakeLength && StatusOf(answer) == (byte)HandshakeStatus.Accepted;
    }

    /// <summary>Reads until <paramref name="count"/> bytes came or the server closed the connection; returns what came.</summary>
    private byte[] ExpectClosedByServerOr(int count)
    {
        _socket.ReceiveTimeout = (int)MultiprocFixtureTimeouts.Read.TotalMilliseconds;
        var received = new byte[count];
        var read = 0;
        while (read < count)
        {
            int n;
            try
            {
                n = _socket.Receive(received, read, count - read, SocketFlags.None);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                break;
            }

            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return received[..read];
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>Waits of raw connections.</summary>
internal static class MultiprocFixtureTimeouts
{
    /// <summary>
    /// How long a raw read waits. Shorter than the servers' 30-s frame deadline on purpose: a server that
    /// waited for the rest of a refused frame (instead of closing at once) would show as "kept open".
    /// </summary>
    public static readonly TimeSpan Read = TimeSpan.FromSeconds(20);
}
