using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Thespian.Hosting;

/// <summary>Registers <see cref="ThespianHealthCheck"/> with ASP.NET Core's or the Generic Host's health checks.</summary>
public static class ThespianHealthChecksBuilderExtensions
{
    /// <summary>The name the check is registered under by default.</summary>
    public const string DefaultName = "thespian";

    /// <summary>
    /// Adds a check that the injected <see cref="ActorSystem"/> (from <c>AddThespian</c>) answers: on the multiproc bases
    /// that the application's connection to the admin works.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What a failed check reports (Unhealthy when null).</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>"ready"</c>).</param>
    /// <param name="timeout">How long to wait for the system's answer (<see cref="ThespianHealthCheck.DefaultTimeout"/> when null).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddThespianHealthCheck(this IHealthChecksBuilder builder, string name = DefaultName,
                                                              HealthStatus? failureStatus = null, IEnumerable<string>? tags = null,
                                                              TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be more than zero.");
        }

        return builder.Add(new HealthCheckRegistration(
            name,
            services => new ThespianHealthCheck(services.GetRequiredService<ActorSystem>(), timeout ?? ThespianHealthCheck.DefaultTimeout),
            failureStatus,
            tags));
    }
}
