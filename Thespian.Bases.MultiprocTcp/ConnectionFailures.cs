using System.Net.Sockets;
using Thespian.Wire;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Which failures of a connection the transport logs (refused, reset, timed out, unreachable), in words; anything else
/// (the peer closed, this side is stopping, a protocol violation reported on its own) is not one of them.
/// </summary>
internal static class ConnectionFailures
{
    /// <summary>What became of the connection, as the end of "Connection to/from PEER …"; null when it is not logged here.</summary>
    public static string? Describe(Exception failure) => failure switch
    {
        SocketException socket => Describe(socket.SocketErrorCode),
        IOException { InnerException: SocketException socket } => Describe(socket.SocketErrorCode),
        WireProtocolException { Violation: WireViolation.DeadlineExceeded } late =>
            $"timed out in the handshake ({late.Message})",
        _ => null,
    };

    private static string? Describe(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "was refused: nothing listens there (its process is gone, or the address is wrong)",
        SocketError.ConnectionReset or SocketError.ConnectionAborted => "was reset by the peer (its process ended or aborted the connection)",
        SocketError.TimedOut => "timed out: the peer did not answer",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown =>
            $"failed: the peer is unreachable ({error})",
        _ => null,
    };
}
