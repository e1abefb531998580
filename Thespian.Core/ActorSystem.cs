using Thespian.Runtime;
using Thespian.Sources;

namespace Thespian;

/// <summary>
/// The actor system, as code outside actors sees it: create actors, talk to them with
/// <see cref="Tell"/>, <see cref="Ask"/> and <see cref="Listen"/>, manage capabilities and sources,
/// and shut the system down. Each object owns an endpoint: the sender address of its messages,
/// where replies arrive.
/// </summary>
/// <remarks>
/// By default the system is a process-wide singleton: a second <c>new ActorSystem()</c> (or one naming
/// the same base) joins the running system with an endpoint of its own. Multiproc bases also join a
/// system already running on their admin port, from any process.
/// </remarks>
public sealed partial class ActorSystem : IDisposable, IAsyncDisposable
{
    private readonly ISystemBase _system;
    private readonly ISystemEndpoint _endpoint;
    private readonly bool _started;
    private int _disposed;

    /// <summary>Starts or joins an actor system.</summary>
    /// <param name="systemBase">
    /// "simpleSystemBase" (the default), "multiprocTCPBase" or "multiprocUDPBase" (see <see cref="SystemBaseNames"/>).
    /// Null joins the process-wide system if one is running, else starts the simple base.
    /// </param>
    /// <param name="capabilities">Initial capabilities, if this call starts the system; ignored when it joins one.</param>
    /// <param name="logDefs">Where logs go; null for the base's default, <see cref="LogDefs.Disabled"/> for none.</param>
    /// <param name="transientUnique">A new system of its own, not registered as the process-wide one.</param>
    /// <exception cref="ArgumentException">The base name is unknown (the message lists the known ones), or a read-only capability was given.</exception>
    /// <exception cref="ActorSystemStartupFailureException">The system could not be started or joined.</exception>
    public ActorSystem(string? systemBase = null,
                       IDictionary<string, object?>? capabilities = null,
                       LogDefs? logDefs = null,
                       bool transientUnique = false)
    {
        (_system, _started) = SystemRegistry.StartOrJoin(systemBase, capabilities, logDefs, transientUnique);
        _endpoint = _system.OpenEndpoint();
    }

    /// <summary>Starts or joins an actor system whose actors are constructed by <paramref name="actorFactory"/>.</summary>
    /// <param name="systemBase">As in <see cref="ActorSystem(string?, IDictionary{string, object?}?, LogDefs?, bool)"/>.</param>
    /// <param name="capabilities">Initial capabilities, if this call starts the system; ignored when it joins one.</param>
    /// <param name="logDefs">Where logs go; null for the base's default, <see cref="LogDefs.Disabled"/> for none.</param>
    /// <param name="transientUnique">A new system of its own, not registered as the process-wide one.</param>
    /// <param name="actorFactory">
    /// Constructs the system's actors (dependency injection: Thespian.Hosting passes one built on the application's
    /// services), if this call starts the system; ignored when it joins one. Only the simple base runs actors in this
    /// process: on multiproc bases actors take their factory from <see cref="ActorFactoryAttribute"/>. Null: none.
    /// </param>
    /// <exception cref="ArgumentException">The base name is unknown, or a read-only capability was given.</exception>
    /// <exception cref="ActorSystemStartupFailureException">The system could not be started or joined.</exception>
    public ActorSystem(string? systemBase, IDictionary<string, object?>? capabilities, LogDefs? logDefs, bool transientUnique,
                       IActorFactory? actorFactory)
    {
        (_system, _started) = SystemRegistry.StartOrJoin(systemBase, capabilities, logDefs, transientUnique, actorFactory);
        _endpoint = _system.OpenEndpoint();
    }

    private ActorSystem(ISystemBase system)
    {
        _system = system;
        _endpoint = system.OpenEndpoint();
    }

    /// <summary>The running base behind this object (tests and tools).</summary>
    internal ISystemBase Base => _system;

    /// <summary>The name of the running base, e.g. "simpleSystemBase".</summary>
    public string SystemBaseName => _system.Name;

    /// <summary>
    /// The address of the system itself (the admin on multiproc bases): <c>Ask(SystemAddress, new
    /// ThespianStatusRequest())</c> returns a <see cref="ThespianSystemStatus"/>.
    /// </summary>
    public ActorAddress SystemAddress => _system.SystemAddress;

    /// <summary>This object's endpoint: the sender address of its Tell and Ask.</summary>
    public ActorAddress EndpointAddress => _endpoint.Address;

    /// <summary>A snapshot of the system's capabilities.</summary>
    public IReadOnlyDictionary<string, object?> Capabilities => _system.Capabilities;

    /// <summary>Creates a top-level actor; blocks until it runs.</summary>
    /// <param name="actorType">
    /// A concrete <see cref="Actor"/> type with a parameterless constructor, or one an <see cref="IActorFactory"/> constructs.
    /// </param>
    /// <param name="targetActorRequirements">Passed to the actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor: every create with this name returns the same address.</param>
    /// <param name="sourceHash">A loaded source to find the type in first.</param>
    /// <returns>The new (or, for a live global name, existing) actor's address.</returns>
    /// <exception cref="InvalidActorSpecificationException">The type cannot be an actor, or its constructor threw.</exception>
    /// <exception cref="InvalidActorSourceHashException">The source hash names no loaded source.</exception>
    /// <exception cref="NoCompatibleSystemForActorException">No system's capabilities satisfy the actor.</exception>
    public ActorAddress CreateActor(Type actorType, object? targetActorRequirements = null,
                                    string? globalName = null, string? sourceHash = null)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        return CreateActor(SpecFor(actorType), targetActorRequirements, globalName, sourceHash);
    }

    /// <summary>Creates a top-level actor of type <typeparamref name="TActor"/>; blocks until it runs.</summary>
    /// <typeparam name="TActor">A concrete actor type with a parameterless constructor.</typeparam>
    /// <param name="targetActorRequirements">Passed to the actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor.</param>
    /// <param name="sourceHash">A loaded source to find the type in first.</param>
    /// <returns>The new actor's address.</returns>
    public ActorAddress CreateActor<TActor>(object? targetActorRequirements = null, string? globalName = null,
                                            string? sourceHash = null)
        where TActor : Actor => CreateActor(typeof(TActor), targetActorRequirements, globalName, sourceHash);

    /// <summary>Creates a top-level actor from a type name; blocks until it runs.</summary>
    /// <param name="actorTypeName">
    /// "Namespace.TypeName" (searched in the loaded source first when <paramref name="sourceHash"/> is given,
    /// then on the actor path) or an assembly-qualified name.
    /// </param>
    /// <param name="targetActorRequirements">Passed to the actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor.</param>
    /// <param name="sourceHash">A loaded source to find the type in first.</param>
    /// <returns>The new actor's address.</returns>
    public ActorAddress CreateActor(string actorTypeName, object? targetActorRequirements = null,
                                    string? globalName = null, string? sourceHash = null)
    {
        ArgumentNullException.ThrowIfNull(actorTypeName);
        return CreateActor(ActorSpec.For(actorTypeName), targetActorRequirements, globalName, sourceHash);
    }

    /// <summary>Sends a message to an actor without waiting for an answer.</summary>
    /// <param name="target">The actor's address.</param>
    /// <param name="message">The message; on multiproc bases it must be serializable.</param>
    public void Tell(ActorAddress target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        TracedTell(target, message);
    }

    /// <summary>
    /// Sends a message, then returns the first message that reaches this endpoint (which may answer an
    /// earlier Tell: there is no request/reply matching), or null when the timeout passes.
    /// </summary>
    /// <param name="target">The actor's address.</param>
    /// <param name="message">The message.</param>
    /// <param name="timeout">How long to wait; null waits for ever (on the simple base: until nothing more can happen).</param>
    /// <returns>The answer, or null.</returns>
    public object? Ask(ActorAddress target, object message, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        CheckTimeout(timeout);
        return TracedAsk(target, message, timeout);
    }

    /// <summary>Returns the first message that reaches this endpoint, or null when the timeout passes.</summary>
    /// <param name="timeout">How long to wait; null waits for ever (on the simple base: until nothing more can happen).</param>
    /// <returns>The message, or null.</returns>
    public object? Listen(TimeSpan? timeout = null)
    {
        CheckTimeout(timeout);
        return Endpoint().Listen(timeout);
    }

    /// <summary>The asynchronous <see cref="Ask"/>: completes with the first message to reach this endpoint, or null.</summary>
    /// <param name="target">The actor's address.</param>
    /// <param name="message">The message.</param>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait; when already cancelled, nothing is sent.</param>
    /// <returns>The answer, or null.</returns>
    public Task<object?> AskAsync(ActorAddress target, object message, TimeSpan? timeout = null,
                                  CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        CheckTimeout(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        return TracedAskAsync(target, message, timeout, cancellationToken);
    }

    /// <summary>The asynchronous <see cref="Listen"/>.</summary>
    /// <param name="timeout">How long to wait; null waits for ever.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The message, or null.</returns>
    public Task<object?> ListenAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        CheckTimeout(timeout);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        return Endpoint().ListenAsync(timeout, cancellationToken);
    }

    /// <summary>
    /// Sets, changes or (with a null value) removes a capability. Where the base runs capability checks,
    /// actors that no longer pass are asked to exit.
    /// </summary>
    /// <param name="capabilityName">The capability's name.</param>
    /// <param name="capabilityValue">The new value, or null to remove it.</param>
    /// <exception cref="ArgumentException">The capability is read-only.</exception>
    public void UpdateCapability(string capabilityName, object? capabilityValue = null)
    {
        ArgumentNullException.ThrowIfNull(capabilityName);
        Live().UpdateCapability(capabilityName, capabilityValue);
    }

    /// <summary>Loads a zip of actor assemblies; usable once the source authority validates it.</summary>
    /// <param name="zipPath">The zip file's path.</param>
    /// <returns>The source hash (SHA-256 of the bytes, hex).</returns>
    public string LoadActorSource(string zipPath) => Live().LoadActorSource(SourceFiles.ReadZip(zipPath));

    /// <summary>Loads a zip of actor assemblies from a stream.</summary>
    /// <param name="zipData">The zip's bytes.</param>
    /// <returns>The source hash (SHA-256 of the bytes, hex).</returns>
    public string LoadActorSource(Stream zipData) => Live().LoadActorSource(SourceFiles.ReadAll(zipData));

    /// <summary>Unloads a source: no new actors from it; unknown hashes are ignored.</summary>
    /// <param name="sourceHash">The hash from <see cref="LoadActorSource(string)"/>.</param>
    public void UnloadActorSource(string sourceHash)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        Live().UnloadActorSource(sourceHash);
    }

    /// <summary>A separate endpoint on the same system, for one thread or task: its Ask and Listen receive only its own replies.</summary>
    /// <returns>A new <see cref="ActorSystem"/> object; dispose it when done.</returns>
    public ActorSystem Private() => new(Live());

    /// <summary>Stops every actor of the system (on multiproc bases, the admin and every actor process too).</summary>
    public void Shutdown()
    {
        _system.Shutdown();
        SystemRegistry.Forget(_system);
        Dispose();
    }

    /// <summary>
    /// Releases this object's endpoint. A multiproc system keeps running; a simple-base system ends with
    /// the object that started it (it lives in this process and nothing else can reach it).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _endpoint.Dispose();
        if (!_started)
        {
            return;
        }

        if (_system.EndsWithStarter && !_system.IsShutDown)
        {
            _system.Shutdown();
        }
        else
        {
            _system.Release();
        }

        SystemRegistry.Forget(_system);
    }

    private ActorAddress CreateActor(ActorSpec spec, object? requirements, string? globalName, string? sourceHash)
    {
        var system = Live();
        return MeasuredCreate(spec, () => system.CreateActor(spec, requirements, globalName, sourceHash));
    }

    /// <summary>A validated spec for a type: one without a parameterless constructor passes where a factory constructs actors.</summary>
    private ActorSpec SpecFor(Type actorType) => ActorSpec.For(actorType, _system.ActorFactory is not null);

    private ISystemBase Live()
    {
        if (_system.IsShutDown)
        {
            throw new ActorSystemFailureException(
                $"This {_system.Name} actor system has been shut down; create a new ActorSystem to continue.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _system;
    }

    private ISystemEndpoint Endpoint()
    {
        _ = Live();
        return _endpoint;
    }

    private static void CheckTimeout(TimeSpan? timeout)
    {
        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout,
                "The timeout must be zero or more (null waits for ever).");
        }
    }
}
