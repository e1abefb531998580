using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>The Thespian handshake (<see cref="Handshake"/>) over a socket that is only ever used with blocking calls.</summary>
internal static class BlockingHandshake
{
    private const byte ReturnPathTaken = 1;

    /// <summary>
    /// Blocking form of <see cref="Handshake.ConnectAsync"/> over a socket that is only ever used synchronously (its reads then
    /// wait in the kernel, not on the thread pool). With a <paramref name="secret"/>, the greeting carries this side's nonce
    /// and the mutual challenge–response follows (<see cref="AuthenticatedHandshake"/>).
    /// </summary>
    public static void Connect(Socket socket, WireRole role, TimeSpan deadline, SystemSecret? secret = null)
    {
        if (secret is not null)
        {
            AuthenticatedHandshake.Connect(new SocketChannel(socket, deadline), role, secret);
            return;
        }

        var buffer = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(buffer, role);
        SendAll(socket, buffer);
        ReceiveExactly(socket, buffer, deadline, "the Thespian handshake answer");
        var status = Handshake.ReadReply(buffer);
        if (status != HandshakeStatus.Accepted)
        {
            throw Handshake.Refused(status, role);
        }
    }

    /// <summary>
    /// Blocking form of <see cref="Handshake.AcceptAsync"/> over a socket that is only ever used synchronously. When either
    /// side has a secret, the mutual challenge–response decides before anything else (<see cref="AuthenticatedHandshake"/>);
    /// a peer that cannot prove the secret is answered, refused with <see cref="WireViolation.AuthenticationFailed"/>, and
    /// nothing more it sends is read.
    /// </summary>
    public static WireRole Accept(Socket socket, TimeSpan deadline, Func<WireRole, bool> serves, SystemSecret? secret = null)
    {
        var buffer = new byte[WireProtocol.HandshakeLength];
        ReceiveExactly(socket, buffer, deadline, "a Thespian handshake");
        WireRole role;
        bool authenticating;
        try
        {
            role = Handshake.ReadHello(buffer, out authenticating);
        }
        catch (WireProtocolException ex) when (ex.Violation == WireViolation.VersionMismatch)
        {
            Handshake.WriteReply(buffer, HandshakeStatus.VersionMismatch);
            SendAll(socket, buffer);
            throw;
        }

        if (authenticating || secret is not null)
        {
            return AuthenticatedHandshake.Accept(new SocketChannel(socket, deadline), buffer, role, authenticating, serves, secret);
        }

        var status = serves(role) ? HandshakeStatus.Accepted : HandshakeStatus.RoleRefused;
        Handshake.WriteReply(buffer, status);
        SendAll(socket, buffer);
        if (status != HandshakeStatus.Accepted)
        {
            throw new WireProtocolException(WireViolation.RoleRefused, $"This endpoint does not serve the role {role}.");
        }

        return role;
    }

    /// <summary>
    /// The connecting side of a return path (<see cref="WireRole.ReturnPath"/>): the handshake, then this process's
    /// endpoint (a 2-byte little-endian length and UTF-8 text), then the peer's one-byte word that it took the connection.
    /// </summary>
    public static void ConnectReturnPath(Socket socket, string endpoint, TimeSpan deadline, SystemSecret? secret = null)
    {
        Connect(socket, WireRole.ReturnPath, deadline, secret);
        var text = Encoding.UTF8.GetBytes(endpoint);
        var announce = new byte[2 + text.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(announce, (ushort)text.Length);
        text.CopyTo(announce, 2);
        SendAll(socket, announce);
        var taken = new byte[1];
        ReceiveExactly(socket, taken, deadline, "the word that the return path was taken");
        if (taken[0] != ReturnPathTaken)
        {
            throw new WireProtocolException(WireViolation.BadHandshake, "The peer did not take the return path.");
        }
    }

    /// <summary>The accepting side of a return path, after <see cref="Accept"/>: the endpoint the peer names.</summary>
    public static string ReadReturnPathEndpoint(Socket socket, TimeSpan deadline)
    {
        var length = new byte[2];
        ReceiveExactly(socket, length, deadline, "the return path's endpoint");
        var text = new byte[BinaryPrimitives.ReadUInt16LittleEndian(length)];
        ReceiveExactly(socket, text, deadline, "the return path's endpoint");
        return Encoding.UTF8.GetString(text);
    }

    /// <summary>The accepting side of a return path: tells the peer the connection is taken (it then receives on it).</summary>
    public static void ConfirmReturnPath(Socket socket) => SendAll(socket, [ReturnPathTaken]);

    internal static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[socket.Send(bytes, SocketFlags.None)..];
        }
    }

    internal static void ReceiveExactly(Socket socket, Span<byte> buffer, TimeSpan deadline, string what)
    {
        var until = Environment.TickCount64 + (long)deadline.TotalMilliseconds;
        var got = 0;
        try
        {
            while (got < buffer.Length)
            {
                var remaining = until - Environment.TickCount64;
                if (remaining <= 0)
                {
                    throw new SocketException((int)SocketError.TimedOut);
                }

                socket.ReceiveTimeout = (int)Math.Min(remaining, int.MaxValue);
                var read = socket.Receive(buffer[got..], SocketFlags.None);
                if (read == 0)
                {
                    throw new WireProtocolException(WireViolation.BadHandshake,
                        $"The connection closed before {what} arrived: the peer is not a Thespian endpoint.");
                }

                got += read;
            }

            socket.ReceiveTimeout = 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            throw new WireProtocolException(WireViolation.DeadlineExceeded,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} did not arrive within {deadline.TotalSeconds:0.#} s: the peer is not a Thespian endpoint, or is stuck.");
        }
    }
}
