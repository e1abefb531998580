using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Thespian.Wire;

namespace Thespian.Tests.Unit.Concurrency;

/// <summary>
/// Two connected loopback TCP sockets: <see cref="Local"/>, where a receipt writes its acknowledgements, and
/// <see cref="Peer"/>, the sender's end, which reads them (blocking, with <see cref="Waits.Patience"/> as the limit).
/// </summary>
internal sealed class SocketPair : IDisposable
{
    private SocketPair(Socket local, Socket peer)
    {
        Local = local;
        Peer = peer;
    }

    /// <summary>The receiving end (the one an inbound connection has).</summary>
    public Socket Local { get; }

    /// <summary>The sending end, which reads acknowledgements.</summary>
    public Socket Peer { get; }

    public static SocketPair Open()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        peer.Connect(listener.LocalEndPoint!);
        var local = listener.Accept();
        local.NoDelay = true;
        peer.ReceiveTimeout = (int)Waits.Patience.TotalMilliseconds;
        return new SocketPair(local, peer);
    }

    /// <summary>The next acknowledgement: a little-endian 32-bit count.</summary>
    public int ReadCount()
    {
        var bytes = new byte[WireProtocol.FrameHeaderLength];
        var filled = 0;
        while (filled < bytes.Length)
        {
            var read = Peer.Receive(bytes, filled, bytes.Length - filled, SocketFlags.None);
            if (read == 0)
            {
                throw new EndOfStreamException("The receiving end closed in the middle of an acknowledgement.");
            }

            filled += read;
        }

        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    /// <summary>Acknowledgements until they add up to <paramref name="sum"/> (or past it).</summary>
    public List<int> ReadCountsUntil(int sum)
    {
        var counts = new List<int>();
        while (counts.Sum() < sum)
        {
            counts.Add(ReadCount());
        }

        return counts;
    }

    /// <summary>Whether an acknowledgement's bytes have arrived within a short settle (only a guard: false proves nothing on its own).</summary>
    public bool AnyArrived() => Peer.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead);

    /// <summary>Closes the receiving end's sending half and counts every byte the peer reads up to the end.</summary>
    public int BytesUntilTheEnd()
    {
        Local.Shutdown(SocketShutdown.Send);
        var total = 0;
        var buffer = new byte[256];
        while (Peer.Receive(buffer) is var read and > 0)
        {
            total += read;
        }

        return total;
    }

    public void Dispose()
    {
        Local.Dispose();
        Peer.Dispose();
    }
}
