using System.Diagnostics;

namespace Thespian.Multiproc;

/// <summary>
/// Whether a process is still running. An exited process that nobody has reaped yet (a zombie: an
/// admin re-parented to an init that reaps lazily) has exited, so on Linux its state in /proc decides.
/// </summary>
internal static class ProcessLiveness
{
    public static bool IsAlive(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{processId}/stat");
                var afterName = stat.LastIndexOf(')');
                return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is not ('Z' or 'X');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
