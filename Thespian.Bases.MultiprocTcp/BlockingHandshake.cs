using System.Net.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>The Thespian handshake (<see cref="Handshake"/>) over a socket that is only ever used with blocking calls.</summary>
internal static class BlockingHandshake
{
    /// <summary>
    /// Blocking form of <see cref="Handshake.ConnectAsync"/> over a socket that is only ever used synchronously (its reads then
    /// wait in the kernel, not on the thread pool).
    /// </summary>
    public static void Connect(Socket socket, WireRole role, TimeSpan deadline)
    {
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

    /// <summary>Blocking form of <see cref="Handshake.AcceptAsync"/> over a socket that is only ever used synchronously.</summary>
    public static WireRole Accept(Socket socket, TimeSpan deadline, Func<WireRole, bool> serves)
    {
        var buffer = new byte[WireProtocol.HandshakeLength];
        ReceiveExactly(socket, buffer, deadline, "a Thespian handshake");
        WireRole role;
        try
        {
            role = Handshake.ReadHello(buffer);
        }
        catch (WireProtocolException ex) when (ex.Violation == WireViolation.VersionMismatch)
        {
            Handshake.WriteReply(buffer, HandshakeStatus.VersionMismatch);
            SendAll(socket, buffer);
            throw;
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

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[socket.Send(bytes, SocketFlags.None)..];
        }
    }

    private static void ReceiveExactly(Socket socket, byte[] buffer, TimeSpan deadline, string what)
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
                var read = socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
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
