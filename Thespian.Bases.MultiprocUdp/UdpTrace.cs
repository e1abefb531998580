using System.Diagnostics;

namespace Thespian.Bases.MultiprocUdp;

/// <summary>TEMPORARY: a trace of datagram events to a file named by THESPIAN_UDP_TRACE (one file per process).</summary>
internal static class UdpTrace
{
    private static readonly StreamWriter? Writer = Open();

    public static bool On => Writer is not null;

    public static void Write(string line)
    {
        if (Writer is null)
        {
            return;
        }

        lock (Writer)
        {
            Writer.WriteLine($"{DateTime.UtcNow:HH:mm:ss.ffffff} [{Environment.CurrentManagedThreadId}] {line}");
        }
    }

    private static StreamWriter? Open()
    {
        var folder = Environment.GetEnvironmentVariable("THESPIAN_UDP_TRACE");
        if (string.IsNullOrEmpty(folder))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        return new StreamWriter(Path.Combine(folder, $"udp-{Environment.ProcessId}.trace")) { AutoFlush = true };
    }
}
