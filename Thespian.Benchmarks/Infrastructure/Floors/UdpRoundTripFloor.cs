using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Thespian.Benchmarks.Infrastructure.Floors;

/// <summary>
/// The p50 of a plain UDP round trip on loopback between this thread and an echo thread, per repetition: one small
/// datagram each way, blocking receives on both sides. The least an Ask over a datagram transport can cost here, now.
/// </summary>
internal static class UdpRoundTripFloor
{
    /// <summary>How long a reply may take before the floor gives up (one datagram in flight on loopback is never lost).</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Measures <see cref="BenchmarkOptions.Asks"/> round trips per repetition and returns each repetition's p50 in µs.</summary>
    /// <exception cref="InvalidOperationException">A reply did not come back within the timeout.</exception>
    public static double[] Measure(BenchmarkOptions options)
    {
        using var client = Bound();
        using var server = Bound();
        client.Connect(server.LocalEndPoint!);
        server.Connect(client.LocalEndPoint!);
        client.ReceiveTimeout = (int)ReplyTimeout.TotalMilliseconds;
        var echo = new Thread(() =>
        {
            var buffer = new byte[64];
            try
            {
                int read;
                while ((read = server.Receive(buffer)) > 0)
                {
                    server.Send(buffer, 0, read, SocketFlags.None);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Closed.
            }
        }) { IsBackground = true, Name = "udp floor echo" };
        echo.Start();
        var message = new byte[TcpRoundTripFloor.MessageBytes];
        var reply = new byte[64];
        var timings = new long[options.Asks];
        void RoundTrips()
        {
            for (var i = 0; i < timings.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                client.Send(message);
                try
                {
                    client.Receive(reply);
                }
                catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
                {
                    throw new InvalidOperationException(
                        $"The UDP floor's datagram {i} got no reply within {ReplyTimeout.TotalSeconds:0} s on loopback.", ex);
                }

                timings[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        try
        {
            return Runner.Measure(options, () =>
            {
                RoundTrips();
                return TcpRoundTripFloor.Microseconds(Stats.Percentile(timings.Order().ToArray(), 50));
            }).ToArray();
        }
        finally
        {
            // An empty datagram ends the echo loop (Receive returns 0).
            client.Send(Array.Empty<byte>());
            echo.Join(TimeSpan.FromSeconds(5));
        }
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
