using System.Net;
using System.Net.Sockets;
using Thespian.Bases.MultiprocUdp;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Udp;

/// <summary>
/// A plain UDP socket on loopback that speaks (or breaks) the UDP transport's protocol by hand: hellos, data datagrams
/// with any chunks, garbage — and reads what comes back.
/// </summary>
internal sealed class RawUdpPeer : IDisposable
{
    private readonly byte[] _buffer = new byte[DatagramCodec.MaxDatagramBytes];

    public RawUdpPeer(int port = 0)
    {
        Socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    public Socket Socket { get; }

    public IPEndPoint Local => (IPEndPoint)Socket.LocalEndPoint!;

    public string Endpoint => $"127.0.0.1:{Local.Port}";

    public ulong Session { get; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    public void Send(IPEndPoint to, ReadOnlySpan<byte> datagram) => Socket.SendTo(datagram, SocketFlags.None, to);

    /// <summary>Sends a hello and returns the answer's status (null when none came).</summary>
    public HandshakeStatus? Hello(IPEndPoint to, WireRole role = WireRole.Peer)
    {
        var hello = new byte[DatagramCodec.HelloLength];
        DatagramCodec.WriteHello(hello, Session, role);
        Send(to, hello);
        return ReceiveOfType(DatagramType.Answer, TimeSpan.FromSeconds(5)) is { } answer ? DatagramCodec.ReadAnswer(answer).Status : null;
    }

    /// <summary>A data datagram with <paramref name="chunks"/> (already encoded) after the header.</summary>
    public byte[] Data(ulong sequence, params byte[][] chunks)
    {
        var datagram = new byte[DatagramCodec.DataHeaderLength + chunks.Sum(c => c.Length)];
        var position = DatagramCodec.WriteDataHeader(datagram, Session, sequence);
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(datagram, position);
            position += chunk.Length;
        }

        return datagram;
    }

    public static byte[] WholeChunk(Envelope envelope)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        envelope.WriteTo(writer);
        var chunk = new byte[DatagramCodec.WholeChunkOverhead + writer.WrittenCount];
        DatagramCodec.WriteWholeChunkHeader(chunk, writer.WrittenCount);
        writer.WrittenSpan.CopyTo(chunk.AsSpan(DatagramCodec.WholeChunkOverhead));
        return chunk;
    }

    public static byte[] FragmentChunk(int total, int offset, int length)
    {
        var chunk = new byte[DatagramCodec.FragmentChunkOverhead + length];
        DatagramCodec.WriteFragmentChunkHeader(chunk, total, offset, length);
        return chunk;
    }

    /// <summary>The next datagram of <paramref name="type"/> for this peer's session (others are skipped); null when none came in time.</summary>
    public byte[]? ReceiveOfType(DatagramType type, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            Socket.ReceiveTimeout = Math.Max(1, (int)(deadline - DateTime.UtcNow).TotalMilliseconds);
            int length;
            try
            {
                length = Socket.Receive(_buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                return null;
            }

            var datagram = _buffer.AsSpan(0, length);
            if (DatagramCodec.ReadHeader(datagram, out var got, out var session) == HeaderStatus.Valid && got == type &&
                session == Session)
            {
                return datagram.ToArray();
            }
        }

        return null;
    }

    /// <summary>Answers every hello with an acceptance and acknowledges nothing, until disposed (a peer that went silent).</summary>
    public Task AnswerHellosOnlyAsync(CancellationToken stop) => Task.Run(() =>
    {
        var buffer = new byte[DatagramCodec.MaxDatagramBytes];
        var answer = new byte[DatagramCodec.AnswerLength];
        Socket.ReceiveTimeout = 50;
        while (!stop.IsCancellationRequested)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int length;
            try
            {
                length = Socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (DatagramCodec.ReadHeader(buffer.AsSpan(0, length), out var type, out var session) == HeaderStatus.Valid &&
                type == DatagramType.Hello)
            {
                DatagramCodec.WriteAnswer(answer, session, HandshakeStatus.Accepted, 1000);
                Socket.SendTo(answer, from);
            }
        }
    }, CancellationToken.None);

    public void Dispose() => Socket.Dispose();
}
