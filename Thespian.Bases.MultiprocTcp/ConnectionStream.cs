using System.Net.Sockets;
using Thespian.Wire.Tls;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// One TCP connection as the transport reads and writes it — the handshake, the frames, the acknowledgements: the socket
/// itself (<see cref="PlainConnectionStream"/>), or TLS over it (<see cref="TlsConnectionStream"/>) when the system has
/// "Thespian TLS Certificate". Only blocking calls are made; one thread may receive while another sends. Timeouts are the
/// socket's (<see cref="Socket.ReceiveTimeout"/>), and a failed call throws what the socket would — a
/// <see cref="SocketException"/> for timeouts and resets — so every caller handles both kinds alike.
/// </summary>
internal abstract class ConnectionStream : IDisposable
{
    /// <param name="socket">The connected socket (owned: disposing this disposes it).</param>
    protected ConnectionStream(Socket socket)
    {
        Socket = socket;
    }

    /// <summary>
    /// The connection's socket: for timeouts, and for waking a thread blocked on it from another thread (shut it down or
    /// dispose it); never read or written around this stream.
    /// </summary>
    public Socket Socket { get; }

    /// <summary>
    /// Whether polling the socket tells whether bytes are ready (<see cref="Sockets.ReceivePoller"/>). Not with TLS: decrypted bytes
    /// may wait inside the TLS stream while the socket has none.
    /// </summary>
    public abstract bool MayPollSocket { get; }

    /// <summary>
    /// Connects the transport's side of a socket it opened to <paramref name="endpoint"/>: TLS (client side, within
    /// <paramref name="deadline"/>) with <paramref name="tls"/>, else the plain socket.
    /// </summary>
    /// <exception cref="Wire.WireProtocolException">The TLS handshake failed (said why).</exception>
    public static ConnectionStream Connected(Socket socket, TlsCredentials? tls, string endpoint, TimeSpan deadline) =>
        tls is null ? new PlainConnectionStream(socket) : TlsConnectionStream.Connect(socket, tls, endpoint, deadline);

    /// <summary>An accepted socket: TLS (server side, within <paramref name="deadline"/>) with <paramref name="tls"/>, else the plain socket.</summary>
    /// <exception cref="Wire.WireProtocolException">The peer did not begin TLS, or its TLS handshake failed (said why).</exception>
    public static ConnectionStream Accepted(Socket socket, TlsCredentials? tls, TimeSpan deadline) =>
        tls is null ? new PlainConnectionStream(socket) : TlsConnectionStream.Accept(socket, tls, deadline);

    /// <summary>Receives what is there (blocking until something is), into <paramref name="buffer"/>; 0 when the peer closed.</summary>
    public abstract int Receive(Span<byte> buffer);

    /// <summary>Sends every byte of <paramref name="bytes"/> (blocking while the peer's window is full).</summary>
    public abstract void Send(ReadOnlySpan<byte> bytes);

    /// <summary>Closes the connection (and the socket).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the connection: the socket, and whatever runs over it.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Socket.Dispose();
        }
    }
}

/// <summary>The plain connection: the socket's own calls, nothing copied or allocated.</summary>
internal sealed class PlainConnectionStream(Socket socket) : ConnectionStream(socket)
{
    /// <inheritdoc />
    public override bool MayPollSocket => true;

    /// <inheritdoc />
    public override int Receive(Span<byte> buffer) => Socket.Receive(buffer, SocketFlags.None);

    /// <inheritdoc />
    public override void Send(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[Socket.Send(bytes, SocketFlags.None)..];
        }
    }
}
