using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>A blocking connection as a handshake channel, every receive bounded by the handshake's deadline.</summary>
internal sealed class ConnectionChannel(ConnectionStream connection, TimeSpan deadline) : IHandshakeChannel
{
    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> bytes) => connection.Send(bytes);

    /// <inheritdoc />
    public void Receive(Span<byte> buffer, string what) => BlockingHandshake.ReceiveExactly(connection, buffer, deadline, what);
}
