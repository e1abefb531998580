using Thespian.Multiproc;
using Thespian.Wire;

namespace Thespian.Admin.Admin;

internal sealed partial class AdminServer
{
    private static readonly TimeSpan ActorsExitTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HostsExitTimeout = TimeSpan.FromSeconds(3);

    private readonly List<Waiter> _shutdownRequesters = [];
    private readonly System.Diagnostics.Stopwatch _shutdownClock = new();
    private bool _shuttingDown;
    private bool _finishing;

    /// <summary>
    /// Shutdown: every actor gets an <see cref="ActorExitRequest"/> (top-level ones recursively); once all
    /// have stopped (or a deadline passes) every host process is ended, the requester is answered, and the
    /// admin exits.
    /// </summary>
    private void BeginShutdown(ShutdownRequest request, Envelope envelope)
    {
        _shutdownRequesters.Add(new Waiter(envelope, request.RequestId));
        BeginShutdown();
    }

    /// <summary>
    /// Shuts the system down from inside the admin's own process (SIGINT or SIGTERM), exactly as a
    /// <see cref="ShutdownRequest"/> would, with nobody to answer.
    /// </summary>
    public void RequestShutdown() => Post(BeginShutdown);

    private void BeginShutdown()
    {
        if (_shuttingDown)
        {
            return;
        }

        _shuttingDown = true;
        _shutdownClock.Start();
        _logger.AdminShuttingDown();
        LeaveConvention();
        foreach (var actor in RunningActors.Where(a => a.Parent is null || !_actors.ContainsKey(a.Parent.Id)).ToArray())
        {
            SendSystemMessage(SystemAddress, actor.Address, new ActorExitRequest());
        }

        _ = Task.Delay(ActorsExitTimeout).ContinueWith(_ => Post(FinishShutdown), TaskScheduler.Default);
        CheckShutdownProgress();
    }

    private void CheckShutdownProgress()
    {
        if (_shuttingDown && !_actors.Values.Any(a => a.State != ActorRecordState.Stopped))
        {
            FinishShutdown();
        }
    }

    private void FinishShutdown()
    {
        if (_finishing)
        {
            return;
        }

        _finishing = true;
        _logger.ShutdownPhase("actors stopped", _shutdownClock.ElapsedMilliseconds);
        _pool.Dispose();
        _ = Task.Run(async () =>
        {
            await EndHostsAsync().ConfigureAwait(false);
            _logger.ShutdownPhase("hosts ended", _shutdownClock.ElapsedMilliseconds);
            Post(() =>
            {
                foreach (var requester in _shutdownRequesters)
                {
                    _node.Reply(requester.Request, new ControlReply(requester.RequestId));
                }
            });
            await Task.Delay(100).ConfigureAwait(false);
            await _node.Transport.FlushAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            _logger.ShutdownPhase("answered and flushed", _shutdownClock.ElapsedMilliseconds);
            _stopped.TrySetResult();
        });
    }

    private async Task EndHostsAsync()
    {
        var hosts = _pool.All.ToArray();
        foreach (var host in hosts)
        {
            HostPool.CloseInput(host.Process);
        }

        using var deadline = new CancellationTokenSource(HostsExitTimeout);
        foreach (var host in hosts)
        {
            try
            {
                await host.Process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                HostPool.TryKill(host.Process);
            }
        }

        foreach (var host in hosts)
        {
            HostPool.TryKill(host.Process);
            host.Process.Dispose();
        }
    }
}
