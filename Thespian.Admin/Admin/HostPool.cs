using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Thespian.Multiproc;

namespace Thespian.Admin.Admin;

/// <summary>
/// Starts actor host processes and keeps a few warm and idle, so a create does not wait for a process
/// start (tens of milliseconds); the pool refills in the background. Every host it starts is watched:
/// <see cref="HostExited"/> fires when one ends for any reason.
/// </summary>
internal sealed class HostPool : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Func<ProcessStartInfo> _startInfo;
    private readonly int _warmHosts;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, HostProcess> _all = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _starting = new();
    private readonly ConcurrentQueue<HostProcess> _idle = new();
    private int _refilling;
    private volatile bool _closed;

    public HostPool(Func<ProcessStartInfo> startInfo, int warmHosts, ILogger logger)
    {
        _startInfo = startInfo;
        _warmHosts = warmHosts;
        _logger = logger;
    }

    /// <summary>Raised (on a thread-pool thread) when a host process ends.</summary>
    public event Action<HostProcess>? HostExited;

    /// <summary>Live host processes that wait, warm, for an actor.</summary>
    public int IdleCount => _idle.Count(h => !h.HasExited);

    /// <summary>Live host processes that run an actor (or are being handed one).</summary>
    public int BusyCount => _all.Values.Count(h => !h.HasExited) - IdleCount;

    /// <summary>Every host process alive.</summary>
    public IReadOnlyCollection<HostProcess> All => _all.Values.Where(h => !h.HasExited).ToArray();

    /// <summary>An idle, ready host: a warm one if there is one, else a newly started one.</summary>
    public async Task<HostProcess> AcquireAsync()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        // The pool refills once the hand-over has been answered (the admin calls Refill), so a replacement's
        // start does not compete with the actor's start for the CPU.
        while (_idle.TryDequeue(out var warm))
        {
            if (!warm.HasExited)
            {
                return warm;
            }
        }

        return await StartHostAsync().ConfigureAwait(false);
    }

    /// <summary>A host said it is ready (matched to the process it started by process id).</summary>
    public void OnHostReady(HostReady ready)
    {
        if (_starting.TryRemove(ready.ProcessId, out var waiting))
        {
            waiting.TrySetResult(ready.Endpoint);
        }
    }

    /// <summary>Starts hosts in the background until the warm count is reached.</summary>
    public void Refill()
    {
        if (_closed || _warmHosts == 0 || Interlocked.Exchange(ref _refilling, 1) != 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                while (!_closed && _idle.Count < _warmHosts)
                {
                    _idle.Enqueue(await StartHostAsync().ConfigureAwait(false));
                }
            }
            catch (Exception ex) when (ex is ActorSystemException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                if (!_closed)
                {
                    _logger.HostStartFailed(ex.Message);
                }
            }
            finally
            {
                Volatile.Write(ref _refilling, 0);
            }
        });
    }

    /// <summary>Stops starting hosts; the caller ends the ones alive.</summary>
    public void Dispose() => _closed = true;

    private async Task<HostProcess> StartHostAsync()
    {
        var process = new Process { StartInfo = _startInfo(), EnableRaisingEvents = true };
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        HostProcess? host = null;
        process.Exited += (_, _) =>
        {
            if (host is null)
            {
                return;
            }

            host.HasExited = true;
            _all.TryRemove(host.ProcessId, out _);
            if (_starting.TryRemove(host.ProcessId, out var waiting))
            {
                waiting.TrySetException(new ActorSystemFailureException(
                    $"The actor host process {host.ProcessId} exited before it was ready (exit code {SafeExitCode(process)})."));
            }

            HostExited?.Invoke(host);
        };

        lock (_all)
        {
            if (!process.Start())
            {
                throw new ActorSystemFailureException("The actor host process could not be started.");
            }

            host = new HostProcess(process);
            _starting[host.ProcessId] = ready;
            _all[host.ProcessId] = host;
        }

        if (process.HasExited)
        {
            host.HasExited = true;
            _starting.TryRemove(host.ProcessId, out _);
            throw new ActorSystemFailureException($"The actor host process exited at once (exit code {SafeExitCode(process)}).");
        }

        var finished = await Task.WhenAny(ready.Task, Task.Delay(ReadyTimeout)).ConfigureAwait(false);
        if (finished != ready.Task)
        {
            _starting.TryRemove(host.ProcessId, out _);
            TryKill(process);
            throw new ActorSystemFailureException(
                $"The actor host process {host.ProcessId} did not report ready within {ReadyTimeout.TotalSeconds:0} s.");
        }

        host.Endpoint = await ready.Task.ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// Closes the host's standard input: a host treats end-of-input as "the admin is gone" and exits at
    /// once, whether or not it is ready yet.
    /// </summary>
    public static void CloseInput(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    /// <summary>Ends a process without throwing.</summary>
    public static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }
}
