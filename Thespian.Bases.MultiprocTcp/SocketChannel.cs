using System.Net.Sockets;
using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>A blocking socket as a handshake channel, every receive bounded by the handshake's deadline.</summary>
internal sealed class SocketChannel(Socket socket, TimeSpan deadline) : IHandshakeChannel
{
    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> bytes) => BlockingHandshake.SendAll(socket, bytes);

    /// <inheritdoc />
    public void Receive(Span<byte> buffer, string what) => BlockingHandshake.ReceiveExactly(socket, buffer, deadline, what);
}
