using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Thespian.Tests.Peer;

/// <summary>
/// Sends numbered UDP datagrams over loopback to a socket of its own and counts the distinct ones that arrive: the
/// loss tests run it inside a network namespace to see that the namespace's drop rule really drops that share. The
/// receive buffer is large and the sender goes in small bursts, so the buffer does not overflow (every datagram lost is
/// one the rule dropped); the kernel's own count of overflows in this namespace is printed to prove it.
/// Prints "probe.sent=", "probe.received=" (distinct numbers), "probe.duplicates=" and "probe.receive-buffer-errors=".
/// </summary>
internal static class UdpProbe
{
    private const int Burst = 50;
    private const int ReceiveBuffer = 4 << 20;

    /// <summary>SOL_SOCKET and SO_RCVBUFFORCE (Linux): a receive buffer above net.core.rmem_max, for root.</summary>
    private const int SocketLevel = 1, ReceiveBufferForce = 33;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    /// <summary>Sends <paramref name="count"/> datagrams and prints what arrived.</summary>
    public static void Run(int count)
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver.ReceiveTimeout = (int)Quiet.TotalMilliseconds;
        Enlarge(receiver);
        var overflowsBefore = ReceiveBufferErrors();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = receiver.LocalEndPoint!;

        var arrived = new ConcurrentDictionary<int, int>();
        var sending = true;
        var receiving = new Thread(() => Receive(receiver, arrived, () => Volatile.Read(ref sending))) { IsBackground = true };
        receiving.Start();

        var datagram = new byte[sizeof(int)];
        for (var i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(datagram, i);
            sender.SendTo(datagram, target);
            if ((i + 1) % Burst == 0)
            {
                Thread.Sleep(1);
            }
        }

        Volatile.Write(ref sending, false);
        receiving.Join();
        Print("probe.sent", count);
        Print("probe.received", arrived.Count);
        Print("probe.duplicates", arrived.Values.Sum(times => times - 1));
        Print("probe.receive-buffer-errors", ReceiveBufferErrors() - overflowsBefore);
    }

    private static void Enlarge(Socket receiver)
    {
        try
        {
            receiver.SetRawSocketOption(SocketLevel, ReceiveBufferForce, BitConverter.GetBytes(ReceiveBuffer));
        }
        catch (SocketException)
        {
            receiver.ReceiveBufferSize = ReceiveBuffer; // Not root: as much as net.core.rmem_max allows.
        }
    }

    /// <summary>The "RcvbufErrors" of UDP in /proc/net/snmp: datagrams this network namespace dropped for a full receive buffer.</summary>
    private static int ReceiveBufferErrors()
    {
        var udp = File.ReadLines("/proc/net/snmp").Where(line => line.StartsWith("Udp:", StringComparison.Ordinal)).ToList();
        var names = udp[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = udp[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(values[Array.IndexOf(names, "RcvbufErrors")], CultureInfo.InvariantCulture);
    }

    /// <summary>Receives until the sender is done and nothing more arrived for <see cref="Quiet"/>.</summary>
    private static void Receive(Socket receiver, ConcurrentDictionary<int, int> arrived, Func<bool> sending)
    {
        var buffer = new byte[64];
        var sinceLast = Stopwatch.StartNew();
        while (sending() || sinceLast.Elapsed < Quiet)
        {
            try
            {
                var length = receiver.Receive(buffer);
                if (length == sizeof(int))
                {
                    arrived.AddOrUpdate(BitConverter.ToInt32(buffer, 0), 1, (_, times) => times + 1);
                    sinceLast.Restart();
                }
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.TimedOut)
            {
                // Nothing for a while: the loop condition decides.
            }
        }
    }

    private static void Print(string key, int value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
