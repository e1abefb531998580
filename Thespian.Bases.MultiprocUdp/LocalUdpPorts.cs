using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>
/// Whether a UDP port of this host is bound, read from /proc/net/udp and udp6 (Linux) — without binding it, which could
/// take the port from an admin starting at that moment. Elsewhere it cannot tell and says no.
/// </summary>
internal static class LocalUdpPorts
{
    /// <summary>Whether a socket of this host (in this network namespace) is bound to <paramref name="port"/> at <paramref name="address"/> or at any address.</summary>
    public static bool IsBound(IPAddress address, int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        return AnyBound("/proc/net/udp", address, port) || AnyBound("/proc/net/udp6", address, port);
    }

    private static bool AnyBound(string table, IPAddress address, int port)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(table);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            var local = fields[1];
            var colon = local.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(local.AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bound) ||
                bound != port)
            {
                continue;
            }

            if (Matches(local[..colon], address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a bound address (hex, as the kernel prints it) covers <paramref name="address"/>: the same one, or any.</summary>
    private static bool Matches(string hex, IPAddress address)
    {
        if (hex.All(c => c == '0'))
        {
            return true;
        }

        if (hex.Length == 8 && address.AddressFamily == AddressFamily.InterNetwork &&
            uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var raw))
        {
            // The kernel prints the address in host byte order (little-endian here).
            var bytes = BitConverter.GetBytes(raw);
            if (!BitConverter.IsLittleEndian)
            {
                Array.Reverse(bytes);
            }

            return new IPAddress(bytes).Equals(address);
        }

        // IPv6 (or a form this does not parse): taken as bound, which errs on the side of not starting a second admin.
        return hex.Length == 32;
    }
}
