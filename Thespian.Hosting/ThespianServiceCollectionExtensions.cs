using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Thespian.Hosting;

/// <summary>Registers Thespian with a Generic Host's services.</summary>
public static class ThespianServiceCollectionExtensions
{
    /// <summary>
    /// Registers the actor system: <see cref="ActorSystem"/> as a singleton (started or joined by a hosted service when
    /// the host starts, shut down when it stops), with <see cref="ThespianOptions"/> bound from <paramref name="configuration"/>
    /// and then <paramref name="configure"/>. On the simple base, actors are constructed through the application's services.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">
    /// The "Thespian" section (or the configuration root, whose "Thespian" section is then read); null reads nothing.
    /// </param>
    /// <param name="configure">Settings made in code, applied after the configuration's.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>
    /// Capability values are converted to the types Thespian reads when the options are first used, at the latest when
    /// the host starts; a value that cannot be converted fails the start with an <see cref="OptionsValidationException"/>
    /// whose failures name each capability and the type expected.
    /// </remarks>
    public static IServiceCollection AddThespian(this IServiceCollection services, IConfiguration? configuration = null,
                                                 Action<ThespianOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<ThespianOptions>();
        if (configuration is not null)
        {
            var section = configuration is IConfigurationSection { Key: ThespianOptions.SectionName }
                ? configuration
                : configuration.GetSection(ThespianOptions.SectionName);
            builder.Configure(options => ThespianConfiguration.Apply(section, options));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.PostConfigure(options =>
        {
            var failures = CapabilityConversion.ConvertAll(options.Capabilities);
            if (failures.Count > 0)
            {
                throw new OptionsValidationException(Options.DefaultName, typeof(ThespianOptions), failures);
            }
        });
        builder.ValidateOnStart();

        services.TryAddSingleton(CreateSystem);
        services.AddHostedService<ThespianHostedService>();
        return services;
    }

    /// <summary>Registers the actor system with settings made in code only.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">The settings.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddThespian(this IServiceCollection services, Action<ThespianOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddThespian(configuration: null, configure);
    }

    private static ActorSystem CreateSystem(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ThespianOptions>>().Value;
        var factory = options.ConstructActorsWithServices ? new ServiceProviderActorFactory(services) : null;
        return new ActorSystem(options.SystemBase, options.Capabilities, options.Log.ToLogDefs(services.GetService<ILoggerFactory>()),
                               options.TransientUnique, factory);
    }
}
