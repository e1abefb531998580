namespace Thespian;

/// <summary>
/// Names the <see cref="IActorFactory"/> that constructs the actors of this assembly wherever they run: in a
/// multiproc base's actor processes (which start no application code of their own, so this is how an actor there
/// gets its services) and on the simple base when the system was started without a factory. The type needs a
/// public parameterless constructor; one instance is made per process, on first use, and shared.
/// </summary>
/// <example><code>
/// [assembly: ActorFactory(typeof(MyActorServices))]
///
/// // Thespian.Hosting's ActorServiceFactory builds a service provider from ConfigureServices.
/// public sealed class MyActorServices : ActorServiceFactory
/// {
///     protected override void ConfigureServices(IServiceCollection services) =>
///         services.AddSingleton&lt;IGreeting, FriendlyGreeting&gt;();
/// }
/// </code></example>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ActorFactoryAttribute : Attribute
{
    /// <summary>Names the factory type.</summary>
    /// <param name="factoryType">A type implementing <see cref="IActorFactory"/>, with a public parameterless constructor.</param>
    public ActorFactoryAttribute(Type factoryType)
    {
        ArgumentNullException.ThrowIfNull(factoryType);
        FactoryType = factoryType;
    }

    /// <summary>The factory type.</summary>
    public Type FactoryType { get; }
}
