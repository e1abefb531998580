using System.Diagnostics;

namespace Thespian.Benchmarks.Infrastructure;

/// <summary>
/// CPU time (user + system) used by named processes between <see cref="Start"/> and <see cref="Stop"/>: this
/// process from the runtime, others from /proc (10 ms ticks, so runs should last a second or more). On a
/// shared machine CPU time per operation is far steadier than wall time, and it shows which process the time
/// goes to; wall time minus CPU time is time spent waiting (wake-ups, scheduling, other people's work).
/// </summary>
internal sealed class CpuMeter
{
    private readonly (string Name, int Pid)[] _processes;
    private readonly double[] _startSeconds;

    private CpuMeter((string Name, int Pid)[] processes)
    {
        _processes = processes;
        _startSeconds = processes.Select(p => Seconds(p.Pid)).ToArray();
    }

    /// <summary>Starts measuring; a pid equal to this process's id is read from the runtime.</summary>
    public static CpuMeter Start(params (string Name, int Pid)[] processes) => new(processes);

    /// <summary>CPU seconds each process used since <see cref="Start"/>, by name.</summary>
    public Dictionary<string, double> Stop() =>
        _processes.Select((p, i) => (p.Name, Seconds: Seconds(p.Pid) - _startSeconds[i]))
                  .ToDictionary(x => x.Name, x => x.Seconds);

    private static double Seconds(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            using var self = Process.GetCurrentProcess();
            return self.TotalProcessorTime.TotalSeconds;
        }

        return (ProcFs.CpuTicks(pid) ?? 0) / (double)ProcFs.TicksPerSecond;
    }
}
