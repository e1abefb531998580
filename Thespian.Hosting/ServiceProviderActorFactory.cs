namespace Thespian.Hosting;

/// <summary>The factory AddThespian starts the system with: actors' constructors take the application's services.</summary>
internal sealed class ServiceProviderActorFactory(IServiceProvider services) : IActorFactory
{
    /// <inheritdoc />
    public Actor? CreateActor(Type actorType) => ServiceActorConstruction.Create(services, actorType);
}
