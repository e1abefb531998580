using Microsoft.Extensions.DependencyInjection;

namespace Thespian.Hosting;

/// <summary>
/// Services for actors wherever they run, named for an assembly with <see cref="ActorFactoryAttribute"/>: a multiproc
/// base's actor processes run no application start-up code, so this is where their services are configured. The
/// provider is built once per process, on the first actor constructed, from <see cref="ConfigureServices"/>; actors'
/// constructors then take its services (<c>ActivatorUtilities</c>).
/// </summary>
/// <remarks>
/// On the simple base under <c>AddThespian</c>, the application's own services construct the actors instead (the
/// system's factory comes first). Register here what an actor process needs: it shares nothing with the application's
/// container, and its singletons are per process. Configuration an actor needs can be read here too (for example
/// from an appsettings.json beside the assemblies, <c>AppContext.BaseDirectory</c>).
/// </remarks>
/// <example><code>
/// [assembly: ActorFactory(typeof(GreeterServices))]
///
/// public sealed class GreeterServices : ActorServiceFactory
/// {
///     protected override void ConfigureServices(IServiceCollection services) =>
///         services.AddSingleton&lt;IGreeting, FriendlyGreeting&gt;();
/// }
/// </code></example>
public abstract class ActorServiceFactory : IActorFactory, IDisposable
{
    private readonly Lazy<ServiceProvider> _services;

    /// <summary>Creates the factory; the services are built on first use.</summary>
    protected ActorServiceFactory()
    {
        _services = new Lazy<ServiceProvider>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The services built from <see cref="ConfigureServices"/>.</summary>
    public IServiceProvider Services => _services.Value;

    /// <inheritdoc />
    public Actor? CreateActor(Type actorType)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        return ServiceActorConstruction.Create(_services.Value, actorType);
    }

    /// <summary>Disposes the services, if they were built.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Registers the services actors of this assembly take in their constructors.</summary>
    /// <param name="services">The collection to add to.</param>
    protected abstract void ConfigureServices(IServiceCollection services);

    /// <summary>Disposes the services, if they were built.</summary>
    /// <param name="disposing">Called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _services.IsValueCreated)
        {
            _services.Value.Dispose();
        }
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        ConfigureServices(services);
        return services.BuildServiceProvider();
    }
}
