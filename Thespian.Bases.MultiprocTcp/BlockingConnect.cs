using System.Net;
using System.Net.Sockets;
using Thespian.Sockets;

namespace Thespian.Bases.MultiprocTcp;

/// <summary>
/// Opens an outbound connection without any asynchronous socket call, so that the socket stays in blocking mode
/// (an asynchronous call would switch it for good to waits that go through the thread pool).
/// </summary>
internal static class BlockingConnect
{
    /// <summary>Connects to "host:port" within <paramref name="timeout"/>.</summary>
    /// <exception cref="SocketException">Refused, unreachable, or not answered in time.</exception>
    public static Socket Open(string endpoint, TimeSpan timeout)
    {
        var (host, port) = IpEndpoints.Parse(endpoint);
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : Dns.GetHostAddresses(host)[0];
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Blocking = false;
            try
            {
                socket.Connect(address, port);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                var microseconds = (int)Math.Min(timeout.TotalMicroseconds, int.MaxValue);
                if (!socket.Poll(microseconds, SelectMode.SelectWrite) || !socket.Connected)
                {
                    var error = socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int code && code != 0
                        ? (SocketError)code
                        : SocketError.TimedOut;
                    throw new SocketException((int)error);
                }
            }

            socket.Blocking = true;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
