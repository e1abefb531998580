using System.Diagnostics;
using Thespian.Multiproc;

namespace Thespian.Admin.Cli;

/// <summary>Waits for processes this program does not own (an admin, its hosts) to end.</summary>
internal static class ProcessExit
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until every process has ended or <paramref name="timeout"/> passes; returns those still running.</summary>
    public static async Task<IReadOnlyList<int>> WaitAsync(IEnumerable<int> processIds, TimeSpan timeout,
                                                           CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processIds);
        var remaining = processIds.Where(pid => pid > 0).Distinct().ToList();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            remaining.RemoveAll(pid => !ProcessLiveness.IsAlive(pid));
            if (remaining.Count == 0 || watch.Elapsed >= timeout)
            {
                return remaining;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
