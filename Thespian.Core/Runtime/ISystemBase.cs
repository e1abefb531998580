namespace Thespian.Runtime;

/// <summary>A running system base, as the <see cref="ActorSystem"/> facade uses it.</summary>
internal interface ISystemBase
{
    /// <summary>The base's name, e.g. "simpleSystemBase".</summary>
    string Name { get; }

    /// <summary>Whether the system has been shut down.</summary>
    bool IsShutDown { get; }

    /// <summary>
    /// Whether the system lives only as long as the application object that started it (the simple
    /// base): disposing the starting <see cref="ActorSystem"/> then shuts it down.
    /// </summary>
    bool EndsWithStarter { get; }

    /// <summary>The address of the system itself.</summary>
    ActorAddress SystemAddress { get; }

    /// <summary>A snapshot of the system's capabilities.</summary>
    IReadOnlyDictionary<string, object?> Capabilities { get; }

    /// <summary>Opens a new external endpoint (one per <see cref="ActorSystem"/> object and per <c>Private()</c>).</summary>
    ISystemEndpoint OpenEndpoint();

    /// <summary>Creates a top-level (or named) actor; blocks until it runs and throws on failure.</summary>
    ActorAddress CreateActor(ActorSpec spec, object? requirements, string? globalName, string? sourceHash);

    /// <summary>
    /// <see cref="CreateActor"/> without blocking a thread where the base can wait asynchronously (multiproc: for the
    /// admin's reply); the simple base runs the actor's start on the calling thread and completes at once.
    /// </summary>
    Task<ActorAddress> CreateActorAsync(ActorSpec spec, object? requirements, string? globalName, string? sourceHash,
                                        CancellationToken cancellationToken);

    /// <summary>The factory this system constructs actors with, if it was started with one (simple base only).</summary>
    IActorFactory? ActorFactory { get; }

    /// <summary>
    /// Sets the factory the system constructs its actors with, right after this process started it. A base whose actors
    /// run in other processes ignores it (they use <see cref="ActorFactoryAttribute"/>).
    /// </summary>
    void UseActorFactory(IActorFactory factory);

    /// <summary>Sets, changes or removes a capability.</summary>
    void UpdateCapability(string capabilityName, object? capabilityValue);

    /// <summary>Loads a source; returns its hash.</summary>
    string LoadActorSource(byte[] zipData);

    /// <summary>Unloads a source.</summary>
    void UnloadActorSource(string sourceHash);

    /// <summary>Stops every actor and the system.</summary>
    void Shutdown();

    /// <summary>
    /// <see cref="Shutdown"/> without blocking a thread where the base can wait asynchronously (multiproc: the admin's
    /// reply and its exit); the simple base stops its actors on the calling thread and completes at once.
    /// </summary>
    Task ShutdownAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The application object that started or joined this system has been disposed: once no endpoint of it is
    /// open, free what this process holds (a multiproc system itself keeps running).
    /// </summary>
    void Release();

    /// <summary><see cref="Release"/> without blocking a thread on closing connections where the base has any.</summary>
    ValueTask ReleaseAsync();
}

/// <summary>An external endpoint: the sender address of an application's Tell/Ask, where replies arrive.</summary>
internal interface ISystemEndpoint : IDisposable
{
    /// <summary>The endpoint's address.</summary>
    ActorAddress Address { get; }

    /// <summary>Sends without waiting for an answer.</summary>
    void Tell(ActorAddress target, object message);

    /// <summary>Sends, then waits for the first message to reach this endpoint.</summary>
    object? Ask(ActorAddress target, object message, TimeSpan? timeout);

    /// <summary>Waits for the first message to reach this endpoint.</summary>
    object? Listen(TimeSpan? timeout);

    /// <summary>Sends, then waits asynchronously for the first message to reach this endpoint.</summary>
    Task<object?> AskAsync(ActorAddress target, object message, TimeSpan? timeout, CancellationToken cancellationToken);

    /// <summary>Waits asynchronously for the first message to reach this endpoint.</summary>
    Task<object?> ListenAsync(TimeSpan? timeout, CancellationToken cancellationToken);
}

/// <summary>Starts (or joins) a system of one base. Each base assembly names its factory with <see cref="ThespianSystemBaseAttribute"/>.</summary>
internal interface ISystemBaseFactory
{
    /// <summary>Starts a system, or joins a running one where the base allows (multiproc: by admin port).</summary>
    ISystemBase StartOrJoin(IDictionary<string, object?>? capabilities, LogDefs? logDefs);
}

/// <summary>Names the factory of the system base an assembly provides.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
internal sealed class ThespianSystemBaseAttribute(string name, Type factoryType) : Attribute
{
    /// <summary>The base's name.</summary>
    public string Name { get; } = name;

    /// <summary>A type implementing <see cref="ISystemBaseFactory"/> with a parameterless constructor.</summary>
    public Type FactoryType { get; } = factoryType;
}
