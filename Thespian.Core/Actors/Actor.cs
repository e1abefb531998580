using Microsoft.Extensions.Logging;
using Thespian.Diagnostics;
using Thespian.Runtime;
using Thespian.Sources;

namespace Thespian;

/// <summary>
/// The base class of every actor. Override <see cref="ReceiveMessage"/>; use <see cref="Send"/>,
/// <see cref="CreateActor(Type, object?, string?, string?)"/> and the other protected operations from
/// there. The system creates actor instances (never <c>new</c> one yourself) and calls
/// <see cref="ReceiveMessage"/> with one message at a time. The constructor must not use system
/// operations: they throw <see cref="InvalidOperationException"/> until the actor runs.
/// </summary>
public abstract class Actor
{
    private readonly ActorCell? _cell;

    /// <summary>Attaches the new instance to the cell the system is constructing it for.</summary>
    protected Actor()
    {
        _cell = ActorCell.ClaimConstructing(this);
    }

    /// <summary>This actor's address (available in the constructor too).</summary>
    public ActorAddress MyAddress => Cell.Address;

    /// <summary>The global name this actor was created with, or null when it is not a named actor.</summary>
    public string? GlobalName => Cell.GlobalName;

    /// <summary>A logger whose every record carries this actor's address (property "ActorAddress").</summary>
    protected ILogger Logger => Cell.Logger;

    /// <summary>Troupe workers doing multi-message work set this true until the work is done.</summary>
    protected bool TroupeWorkInProgress { get; set; }

    /// <summary>Read by the runtime after each message a troupe worker handles.</summary>
    internal bool TroupeWorkInProgressValue => TroupeWorkInProgress;

    /// <summary>The cell that runs this instance.</summary>
    internal ActorCell Cell => _cell ?? throw NotCreatedBySystem();

    /// <summary>Handles one message.</summary>
    /// <param name="message">The message (an application object or an <see cref="ActorSystemMessage"/>).</param>
    /// <param name="sender">The address of the sender (an actor, an external endpoint, or the system).</param>
    public abstract void ReceiveMessage(object message, ActorAddress sender);

    /// <summary>Creates a child actor of the given type; returns its address at once.</summary>
    /// <param name="actorType">
    /// A concrete <see cref="Actor"/> type with a parameterless constructor, or one an <see cref="IActorFactory"/> constructs.
    /// </param>
    /// <param name="targetActorRequirements">Passed to the new actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor: the same address for every create with this name; its parent is the system.</param>
    /// <param name="sourceHash">A loaded source to find the type in first.</param>
    /// <returns>The new actor's address; messages sent to it before it runs wait for it.</returns>
    protected ActorAddress CreateActor(Type actorType, object? targetActorRequirements = null,
                                       string? globalName = null, string? sourceHash = null)
    {
        var cell = RunningCell(nameof(CreateActor));
        return CreateChild(cell, ActorSpec.For(actorType, cell.Runtime.ActorFactory is not null), targetActorRequirements, globalName,
                           sourceHash);
    }

    /// <summary>Creates a child actor of type <typeparamref name="TActor"/>; returns its address at once.</summary>
    /// <typeparam name="TActor">A concrete actor type with a parameterless constructor.</typeparam>
    /// <param name="targetActorRequirements">Passed to the new actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor (see <see cref="CreateActor(Type, object?, string?, string?)"/>).</param>
    /// <returns>The new actor's address.</returns>
    protected ActorAddress CreateActor<TActor>(object? targetActorRequirements = null, string? globalName = null)
        where TActor : Actor => CreateActor(typeof(TActor), targetActorRequirements, globalName);

    /// <summary>Creates a child actor from a type name, looked up in this actor's source first, then on the actor path.</summary>
    /// <param name="actorTypeName">"Namespace.TypeName" or an assembly-qualified name.</param>
    /// <param name="targetActorRequirements">Passed to the new actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor.</param>
    /// <param name="sourceHash">A loaded source to find the type in first (default: this actor's own source).</param>
    /// <returns>The new actor's address.</returns>
    protected ActorAddress CreateActor(string actorTypeName, object? targetActorRequirements = null,
                                       string? globalName = null, string? sourceHash = null)
    {
        var cell = RunningCell(nameof(CreateActor));
        return CreateChild(cell, ActorSpec.For(actorTypeName), targetActorRequirements, globalName, sourceHash);
    }

    /// <summary>Sends a message to another actor (or to an external endpoint). Returns without waiting for delivery.</summary>
    /// <param name="target">The address to send to.</param>
    /// <param name="message">The message; on multiproc bases it must be serializable.</param>
    protected void Send(ActorAddress target, object message)
    {
        var cell = _cell;
        if (cell is null || cell.State != ActorCellState.Running)
        {
            throw NotRunning(nameof(Send));
        }

        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        cell.MessagesSent++;
        ThespianMetrics.MessageSent(cell.BaseName, cell.TypeName);
        cell.Runtime.Send(cell, target, message);
    }

    /// <summary>Asks for a <see cref="WakeupMessage"/> after <paramref name="period"/>; the sender will be this actor.</summary>
    /// <param name="period">How long to wait (zero or more).</param>
    /// <param name="payload">Returned in <see cref="WakeupMessage.Payload"/>.</param>
    protected void WakeupAfter(TimeSpan period, object? payload = null)
    {
        var cell = RunningCell(nameof(WakeupAfter));
        ArgumentOutOfRangeException.ThrowIfLessThan(period, TimeSpan.Zero);
        cell.Runtime.WakeupAfter(cell, period, payload);
    }

    /// <summary>Starts (or stops) receiving a <see cref="DeadEnvelope"/> for every undeliverable message.</summary>
    /// <param name="startHandling">True to register, false to deregister.</param>
    protected void HandleDeadLetters(bool startHandling = true)
    {
        var cell = RunningCell(nameof(HandleDeadLetters));
        cell.Runtime.HandleDeadLetters(cell, startHandling);
    }

    /// <summary>Starts (or stops) receiving <see cref="ActorSystemConventionUpdate"/> messages.</summary>
    /// <param name="startHandling">True to register, false to deregister.</param>
    protected void NotifyOnSystemRegistrationChanges(bool startHandling = true)
    {
        var cell = RunningCell(nameof(NotifyOnSystemRegistrationChanges));
        cell.Runtime.NotifyOnSystemRegistrationChanges(cell, startHandling);
    }

    /// <summary>Starts (or stops) receiving <see cref="LoadedSource"/> and <see cref="UnloadedSource"/> messages.</summary>
    /// <param name="enable">True to register, false to deregister.</param>
    protected void NotifyOnSourceAvailability(bool enable = true)
    {
        var cell = RunningCell(nameof(NotifyOnSourceAvailability));
        cell.Runtime.NotifyOnSourceAvailability(cell, enable);
    }

    /// <summary>Makes this actor the source authority: it receives <see cref="ValidateSource"/> for every loaded source.</summary>
    protected void RegisterSourceAuthority()
    {
        var cell = RunningCell(nameof(RegisterSourceAuthority));
        cell.Runtime.RegisterSourceAuthority(cell);
    }

    /// <summary>Loads a zip of actor assemblies; it becomes usable once the source authority validates it.</summary>
    /// <param name="zipPath">The zip file's path.</param>
    /// <returns>The source hash (SHA-256 of the file's bytes, hex).</returns>
    protected string LoadActorSource(string zipPath)
    {
        var cell = RunningCell(nameof(LoadActorSource));
        return cell.Runtime.LoadActorSource(cell, SourceFiles.ReadZip(zipPath));
    }

    /// <summary>Loads a zip of actor assemblies from a stream; it becomes usable once the source authority validates it.</summary>
    /// <param name="zipData">The zip's bytes, read to the end.</param>
    /// <returns>The source hash (SHA-256 of the bytes read, hex).</returns>
    protected string LoadActorSource(Stream zipData)
    {
        var cell = RunningCell(nameof(LoadActorSource));
        return cell.Runtime.LoadActorSource(cell, SourceFiles.ReadAll(zipData));
    }

    /// <summary>Unloads a source: no new actors from it; its load context goes once its last actor stops.</summary>
    /// <param name="sourceHash">The hash from <see cref="LoadActorSource(string)"/>.</param>
    protected void UnloadActorSource(string sourceHash)
    {
        var cell = RunningCell(nameof(UnloadActorSource));
        ArgumentNullException.ThrowIfNull(sourceHash);
        cell.Runtime.UnloadActorSource(cell, sourceHash);
    }

    /// <summary>Sets, changes or (with a null value) removes a capability of the system.</summary>
    /// <param name="capabilityName">The capability's name.</param>
    /// <param name="capabilityValue">The new value, or null to remove it.</param>
    protected void UpdateCapability(string capabilityName, object? capabilityValue = null)
    {
        var cell = RunningCell(nameof(UpdateCapability));
        ArgumentNullException.ThrowIfNull(capabilityName);
        cell.Runtime.UpdateCapability(cell, capabilityName, capabilityValue);
    }

    /// <summary>Tells this system about a remote system it cannot discover (bases with conventions only).</summary>
    /// <param name="remoteAddress">The remote admin's transport address, such as "host:port".</param>
    /// <param name="remoteCapabilities">The remote system's capabilities, until it reports its own.</param>
    protected void PreRegisterRemoteSystem(string remoteAddress, IDictionary<string, object?>? remoteCapabilities = null)
    {
        var cell = RunningCell(nameof(PreRegisterRemoteSystem));
        ArgumentNullException.ThrowIfNull(remoteAddress);
        cell.Runtime.PreRegisterRemoteSystem(cell, remoteAddress, remoteCapabilities);
    }

    /// <summary>Forgets a remote system registered with <see cref="PreRegisterRemoteSystem"/>.</summary>
    /// <param name="remoteAddress">The remote admin's transport address.</param>
    protected void DeRegisterRemoteSystem(string remoteAddress)
    {
        var cell = RunningCell(nameof(DeRegisterRemoteSystem));
        ArgumentNullException.ThrowIfNull(remoteAddress);
        cell.Runtime.DeRegisterRemoteSystem(cell, remoteAddress);
    }

    /// <summary>Forgets a remote system by its admin's address.</summary>
    /// <param name="remoteAdminAddress">The remote admin's address.</param>
    protected void DeRegisterRemoteSystem(ActorAddress remoteAdminAddress)
    {
        var cell = RunningCell(nameof(DeRegisterRemoteSystem));
        ArgumentNullException.ThrowIfNull(remoteAdminAddress);
        cell.Runtime.DeRegisterRemoteSystem(cell, remoteAdminAddress);
    }

    /// <summary>Shuts the whole actor system down once this message has been handled.</summary>
    protected void ActorSystemShutdown()
    {
        var cell = RunningCell(nameof(ActorSystemShutdown));
        cell.Runtime.ActorSystemShutdown(cell);
    }

    /// <summary>
    /// Watches file descriptors until the next <see cref="ReceiveMessage"/> call returns: a
    /// <see cref="WatchMessage"/> arrives when some are readable. Only on bases whose capability
    /// "Thespian Watch Supported" is true; call it on every message that wants watching to continue.
    /// </summary>
    /// <param name="watch">The descriptors to watch.</param>
    protected void Watch(ThespianWatch watch)
    {
        var cell = RunningCell(nameof(Watch));
        ArgumentNullException.ThrowIfNull(watch);
        cell.Runtime.Watch(cell, watch);
    }

    /// <summary>
    /// Creates through the base and records the new actor as this actor's child (named actors are the
    /// system's children). Kept here, not in each base, so no base can forget it.
    /// </summary>
    private static ActorAddress CreateChild(ActorCell cell, ActorSpec spec, object? requirements, string? globalName,
                                            string? sourceHash)
    {
        var address = cell.Runtime.CreateActor(cell, spec, requirements, globalName, sourceHash ?? cell.SourceHash);
        if (globalName is null)
        {
            cell.AddChild(address);
        }

        return address;
    }

    private ActorCell RunningCell(string operation)
    {
        var cell = _cell;
        if (cell is null || cell.State != ActorCellState.Running)
        {
            throw NotRunning(operation);
        }

        return cell;
    }

    private InvalidOperationException NotRunning(string operation) => _cell switch
    {
        null => NotCreatedBySystem(),
        { State: ActorCellState.Constructing } => new InvalidOperationException(
            $"{operation} cannot be called from the constructor of {GetType().Name}: the actor is not running yet. " +
            "Do this work in ReceiveMessage (for example when the first message arrives)."),
        _ => new InvalidOperationException(
            $"{operation} cannot be called: the actor {GetType().Name} ({_cell.Address}) has exited."),
    };

    private InvalidOperationException NotCreatedBySystem() => new(
        $"This {GetType().Name} instance was not created by an actor system, so it has no address and cannot use " +
        "system operations. Create actors with ActorSystem.CreateActor or Actor.CreateActor.");
}
