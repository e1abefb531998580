using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Thespian.Commands;

/// <summary>SIGTERM and SIGKILL for a command's process (.NET's <see cref="Process.Kill()"/> only sends SIGKILL).</summary>
internal static partial class ProcessSignals
{
    /// <summary>SIGTERM's number: a command stopped with it reports exit code -15, as in Python.</summary>
    public const int Terminate = 15;

    /// <summary>SIGKILL's number.</summary>
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/>; false when the process is gone already.</summary>
    public static bool Send(Process process, int signal)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                process.Kill();
                return true;
            }

            return SendNative(process.Id, signal) == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendNative(int processId, int signal);
}
