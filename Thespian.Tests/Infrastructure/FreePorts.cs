using System.Net;
using System.Net.Sockets;

namespace Thespian.Tests.Infrastructure;

/// <summary>
/// Admin ports for test and benchmark systems (linked into Thespian.Benchmarks). A port comes from below the kernel's
/// ephemeral range: every actor's and application's endpoint listens on an ephemeral port, and one of them taking a
/// system's admin port between the choice and the admin's start would put a non-admin on it.
/// </summary>
public static class FreePorts
{
    /// <summary>The lowest port <see cref="BelowEphemeralRange"/> picks.</summary>
    private const int LowestPort = 20_000;

    /// <summary>A port nothing uses right now on TCP or UDP (so either base's admin can take it), below the ephemeral range.</summary>
    public static int BelowEphemeralRange()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, below);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                using var datagrams = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                datagrams.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free port between {LowestPort} and {below} after 100 tries.");
    }

    /// <summary>The first port of the kernel's ephemeral range (32768 when it cannot be read).</summary>
    private static int EphemeralRangeStart()
    {
        const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        var fields = File.Exists(rangeFile) ? File.ReadAllText(rangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        return fields.Length > 0 && int.TryParse(fields[0], out var start) && start > LowestPort + 1000 ? start : 32_768;
    }
}
