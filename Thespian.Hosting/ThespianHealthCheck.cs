using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Thespian.Hosting;

/// <summary>
/// Whether the application's actor system answers: a status request to the system (on the multiproc bases, a round trip
/// to the admin over the application's connection) through a private endpoint, so that no message meant for the
/// application's own endpoint is taken. Healthy with an answer; the registration's failure status (Unhealthy by
/// default) when the system has been shut down, its admin has gone, or no answer comes within the timeout.
/// </summary>
/// <param name="system">The application's actor system.</param>
/// <param name="timeout">How long to wait for the answer.</param>
public sealed class ThespianHealthCheck(ActorSystem system, TimeSpan timeout) : IHealthCheck
{
    /// <summary>How long a check waits for the system's answer by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Checks with <see cref="DefaultTimeout"/>.</summary>
    /// <param name="system">The application's actor system.</param>
    public ThespianHealthCheck(ActorSystem system)
        : this(system, DefaultTimeout)
    {
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration.FailureStatus;
        var data = new Dictionary<string, object> { ["base"] = system.SystemBaseName };
        if (system.Base.IsShutDown)
        {
            return new HealthCheckResult(failure, $"The {system.SystemBaseName} actor system has been shut down or its admin has gone.",
                                         data: data);
        }

        try
        {
            using var probe = system.Private();
            var answer = await probe.AskAsync(system.SystemAddress, new ThespianStatusRequest(), timeout, cancellationToken)
                                    .ConfigureAwait(false);
            if (answer is ThespianSystemStatus status)
            {
                data["actors"] = status.ActorCount;
                data["admin"] = status.AdminAddress.ToString();
                return HealthCheckResult.Healthy($"The {system.SystemBaseName} actor system answers; {status.ActorCount} actors.", data);
            }

            return new HealthCheckResult(failure,
                answer is null
                    ? $"The {system.SystemBaseName} actor system did not answer a status request within {timeout.TotalSeconds:0.#} s."
                    : $"The {system.SystemBaseName} actor system answered a status request with {answer.GetType().Name}.",
                data: data);
        }
        catch (Exception ex) when (ex is ActorSystemException or ObjectDisposedException)
        {
            return new HealthCheckResult(failure, $"The {system.SystemBaseName} actor system cannot be reached: {ex.Message}", ex, data);
        }
    }
}
