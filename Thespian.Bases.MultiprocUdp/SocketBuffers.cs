using System.Net.Sockets;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Sizes a socket's send and receive buffers. A burst of datagrams that outruns the receiving thread waits in the receive
/// buffer; one too small drops them (measured at full blast: no loss with 4 MiB, up to half lost with the 208 KiB
/// default). Linux caps a request at net.core.rmem_max / wmem_max (and reports twice the size it grants, for its own
/// accounting); a process allowed to (root, CAP_NET_ADMIN) passes the cap with SO_RCVBUFFORCE / SO_SNDBUFFORCE.
/// </summary>
internal static class SocketBuffers
{
    private const int SolSocket = 1;
    private const int SoSndBufForce = 32;
    private const int SoRcvBufForce = 33;

    /// <summary>Asks for <paramref name="bytes"/> in each direction; keeps whatever the kernel grants.</summary>
    public static void Apply(Socket socket, int bytes)
    {
        socket.ReceiveBufferSize = bytes;
        socket.SendBufferSize = bytes;
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Linux reports the doubled size it grants; less than asked means the cap applied.
        if (socket.ReceiveBufferSize < bytes)
        {
            TryForce(socket, SoRcvBufForce, bytes);
        }

        if (socket.SendBufferSize < bytes)
        {
            TryForce(socket, SoSndBufForce, bytes);
        }
    }

    private static void TryForce(Socket socket, int option, int bytes)
    {
        try
        {
            socket.SetRawSocketOption(SolSocket, option, BitConverter.GetBytes(bytes));
        }
        catch (SocketException)
        {
            // Not allowed: the capped size stays.
        }
    }
}
