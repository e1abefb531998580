using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Thespian.Benchmarks.Infrastructure.Floors;

/// <summary>
/// The p50 of a plain TCP round trip on loopback between this thread and an echo thread, per repetition: the least
/// an Ask across processes can cost on this machine under its current load.
/// </summary>
internal static class TcpRoundTripFloor
{
    /// <summary>Bytes each way: about what a small Ask's frame is.</summary>
    public const int MessageBytes = 40;

    /// <summary>
    /// Measures <see cref="BenchmarkOptions.Asks"/> round trips per repetition and returns each repetition's p50 in µs.
    /// With <paramref name="poll"/>, each side polls for the bytes (yielding) before it receives, so neither sleeps in the
    /// kernel.
    /// </summary>
    public static double[] Measure(BenchmarkOptions options, bool poll)
    {
        void AwaitBytes(Socket socket)
        {
            if (!poll)
            {
                return;
            }

            // Readable: bytes are there, or the peer closed (then Receive returns 0).
            while (!socket.Poll(0, SelectMode.SelectRead))
            {
                Thread.Yield();
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect((IPEndPoint)listener.LocalEndpoint);
        using var server = listener.AcceptSocket();
        server.NoDelay = true;
        var echo = new Thread(() =>
        {
            var buffer = new byte[64];
            try
            {
                int read;
                while (true)
                {
                    AwaitBytes(server);
                    if ((read = server.Receive(buffer)) == 0)
                    {
                        break;
                    }

                    server.Send(buffer, 0, read, SocketFlags.None);
                }
            }
            catch (SocketException)
            {
                // Closed.
            }
        }) { IsBackground = true, Name = "tcp floor echo" };
        echo.Start();
        var message = new byte[MessageBytes];
        var reply = new byte[64];
        var timings = new long[options.Asks];
        void RoundTrips()
        {
            for (var i = 0; i < timings.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                client.Send(message);
                var got = 0;
                while (got < message.Length)
                {
                    AwaitBytes(client);
                    got += client.Receive(reply, got, message.Length - got, SocketFlags.None);
                }

                timings[i] = Stopwatch.GetTimestamp() - start;
            }
        }

        try
        {
            return Runner.Measure(options, () =>
            {
                RoundTrips();
                return Microseconds(Stats.Percentile(timings.Order().ToArray(), 50));
            }).ToArray();
        }
        finally
        {
            client.Shutdown(SocketShutdown.Both);
            echo.Join(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Stopwatch ticks as microseconds.</summary>
    public static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
