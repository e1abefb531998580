using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Thespian.Hosting;

/// <summary>
/// Starts or joins the actor system when the host starts (so a bad setting fails the start, not the first request),
/// and shuts it down, or releases this application's part of it, when the host stops.
/// </summary>
internal sealed partial class ThespianHostedService(IServiceProvider services, IOptions<ThespianOptions> options,
                                                    ILogger<ThespianHostedService> logger) : IHostedService
{
    private ActorSystem? _system;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Starting a multiproc system launches its admin and waits for it: that happens once, before the host serves.
        _system = services.GetRequiredService<ActorSystem>();
        SystemReady(logger, _system.SystemBaseName, _system.SystemAddress);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_system is not { } system)
        {
            return;
        }

        if (options.Value.ShutdownOnStop)
        {
            await system.ShutdownAsync(cancellationToken).ConfigureAwait(false);
            SystemShutDown(logger, system.SystemBaseName);
        }
        else
        {
            await system.DisposeAsync().ConfigureAwait(false);
            SystemReleased(logger, system.SystemBaseName);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Thespian {SystemBase} is running; its system address is {SystemAddress}.")]
    private static partial void SystemReady(ILogger logger, string systemBase, ActorAddress systemAddress);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Thespian {SystemBase} has been shut down.")]
    private static partial void SystemShutDown(ILogger logger, string systemBase);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "This application's part of Thespian {SystemBase} has been released; the system keeps running.")]
    private static partial void SystemReleased(ILogger logger, string systemBase);
}
