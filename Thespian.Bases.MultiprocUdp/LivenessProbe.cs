using System.Net;
using System.Net.Sockets;
using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Finds out quickly whether a silent peer's process is gone: a socket of its own, connected to the peer, sends it a
/// <see cref="DatagramType.Liveness"/> datagram (which receivers ignore); when nothing listens on the peer's port any
/// more, the kernel answers "port unreachable", which shows as an error on a connected socket only (the transport's own
/// socket serves every peer and hears nothing of it). A live peer, or one behind a network that drops the message,
/// says nothing: then the peer timeout decides.
/// </summary>
internal sealed class LivenessProbe : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _datagram;
    private bool _unreachable;

    /// <param name="peer">The peer's address.</param>
    /// <param name="session">The session this probe is for (carried in the datagram).</param>
    /// <param name="secret">The system's secret (the datagram is tagged, so the peer does not count it as refused), or null.</param>
    /// <exception cref="SocketException">No socket could be made.</exception>
    public LivenessProbe(IPEndPoint peer, ulong session, SystemSecret? secret)
    {
        _socket = new Socket(peer.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        try
        {
            _socket.Connect(peer);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        Span<byte> bare = stackalloc byte[DatagramCodec.HeaderLength];
        DatagramCodec.WriteBare(bare, DatagramType.Liveness, session);
        if (secret is null)
        {
            _datagram = bare.ToArray();
        }
        else
        {
            _datagram = new byte[DatagramCodec.HeaderLength + DatagramTag.TagLength];
            DatagramTag.Write(secret, bare, _datagram);
        }
    }

    /// <summary>Whether the kernel has said that nothing listens on the peer's port.</summary>
    public bool PortUnreachable
    {
        get
        {
            try
            {
                return _unreachable || _socket.Poll(0, SelectMode.SelectError);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>Sends one probe.</summary>
    public void Send()
    {
        try
        {
            _socket.Send(_datagram, SocketFlags.None);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
        {
            _unreachable = true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Could not send (buffer full, disposed): no conclusion either way.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
