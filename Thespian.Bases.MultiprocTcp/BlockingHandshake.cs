using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Thespian.Wire;
using Thespian.Wire.Authentication;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>The Thespian handshake (<see cref="Handshake"/>) over a connection that is only ever used with blocking calls.</summary>
internal static class BlockingHandshake
{
    private const byte ReturnPathTaken = 1;

    /// <summary>
    /// Blocking form of <see cref="Handshake.ConnectAsync"/> over a connection that is only ever used synchronously (its reads then
    /// wait in the kernel, not on the thread pool). With a <paramref name="secret"/>, the greeting carries this side's nonce
    /// and the mutual challenge–response follows (<see cref="AuthenticatedHandshake"/>).
    /// </summary>
    public static void Connect(ConnectionStream connection, WireRole role, TimeSpan deadline, SystemSecret? secret = null)
    {
        if (secret is not null)
        {
            AuthenticatedHandshake.Connect(new ConnectionChannel(connection, deadline), role, secret);
            return;
        }

        var buffer = new byte[WireProtocol.HandshakeLength];
        Handshake.WriteHello(buffer, role);
        connection.Send(buffer);
        ReceiveExactly(connection, buffer, deadline, "the Thespian handshake answer");
        var status = Handshake.ReadReply(buffer);
        if (status != HandshakeStatus.Accepted)
        {
            throw Handshake.Refused(status, role);
        }
    }

    /// <summary>
    /// Blocking form of <see cref="Handshake.AcceptAsync"/> over a connection that is only ever used synchronously. When either
    /// side has a secret, the mutual challenge–response decides before anything else (<see cref="AuthenticatedHandshake"/>);
    /// a peer that cannot prove the secret is answered, refused with <see cref="WireViolation.AuthenticationFailed"/>, and
    /// nothing more it sends is read.
    /// </summary>
    public static WireRole Accept(ConnectionStream connection, TimeSpan deadline, Func<WireRole, bool> serves, SystemSecret? secret = null)
    {
        var buffer = new byte[WireProtocol.HandshakeLength];
        ReceiveExactly(connection, buffer, deadline, "a Thespian handshake");
        WireRole role;
        bool authenticating;
        try
        {
            role = Handshake.ReadHello(buffer, out authenticating);
        }
        catch (WireProtocolException ex) when (ex.Violation == WireViolation.VersionMismatch)
        {
            Handshake.WriteReply(buffer, HandshakeStatus.VersionMismatch);
            connection.Send(buffer);
            throw;
        }

        if (authenticating || secret is not null)
        {
            return AuthenticatedHandshake.Accept(new ConnectionChannel(connection, deadline), buffer, role, authenticating, serves, secret);
        }

        var status = serves(role) ? HandshakeStatus.Accepted : HandshakeStatus.RoleRefused;
        Handshake.WriteReply(buffer, status);
        connection.Send(buffer);
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
    public static void ConnectReturnPath(ConnectionStream connection, string endpoint, TimeSpan deadline, SystemSecret? secret = null)
    {
        Connect(connection, WireRole.ReturnPath, deadline, secret);
        var text = Encoding.UTF8.GetBytes(endpoint);
        var announce = new byte[2 + text.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(announce, (ushort)text.Length);
        text.CopyTo(announce, 2);
        connection.Send(announce);
        var taken = new byte[1];
        ReceiveExactly(connection, taken, deadline, "the word that the return path was taken");
        if (taken[0] != ReturnPathTaken)
        {
            throw new WireProtocolException(WireViolation.BadHandshake, "The peer did not take the return path.");
        }
    }

    /// <summary>The accepting side of a return path, after <see cref="Accept"/>: the endpoint the peer names.</summary>
    public static string ReadReturnPathEndpoint(ConnectionStream connection, TimeSpan deadline)
    {
        var length = new byte[2];
        ReceiveExactly(connection, length, deadline, "the return path's endpoint");
        var text = new byte[BinaryPrimitives.ReadUInt16LittleEndian(length)];
        ReceiveExactly(connection, text, deadline, "the return path's endpoint");
        return Encoding.UTF8.GetString(text);
    }

    /// <summary>The accepting side of a return path: tells the peer the connection is taken (it then receives on it).</summary>
    public static void ConfirmReturnPath(ConnectionStream connection) => connection.Send([ReturnPathTaken]);

    internal static void ReceiveExactly(ConnectionStream connection, Span<byte> buffer, TimeSpan deadline, string what)
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

                connection.Socket.ReceiveTimeout = (int)Math.Min(remaining, int.MaxValue);
                var read = connection.Receive(buffer[got..]);
                if (read == 0)
                {
                    throw new WireProtocolException(WireViolation.BadHandshake,
                        $"The connection closed before {what} arrived: the peer is not a Thespian endpoint.");
                }

                got += read;
            }

            connection.Socket.ReceiveTimeout = 0;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
        {
            throw new WireProtocolException(WireViolation.DeadlineExceeded,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} did not arrive within {deadline.TotalSeconds:0.#} s: the peer is not a Thespian endpoint, or is stuck.");
        }
    }
}
