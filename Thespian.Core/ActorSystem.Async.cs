using Thespian.Runtime;

namespace Thespian;

/// <summary>The asynchronous members of the facade: create, typed ask, shutdown and disposal without blocking a thread.</summary>
/// <remarks>
/// On the multiproc bases these wait for the admin's replies asynchronously (no thread is held while a request is
/// out). On simpleSystemBase every actor runs on the caller's thread, so they do their work synchronously and return a
/// completed task: there is nothing to wait for that another thread could do.
/// </remarks>
public sealed partial class ActorSystem
{
    /// <summary>The asynchronous <see cref="CreateActor(Type, object?, string?, string?)"/>: completes once the actor runs.</summary>
    /// <param name="actorType">
    /// A concrete <see cref="Actor"/> type with a parameterless constructor, or one an <see cref="IActorFactory"/> constructs.
    /// </param>
    /// <param name="targetActorRequirements">Passed to the actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor: every create with this name returns the same address.</param>
    /// <param name="sourceHash">A loaded source to find the type in first.</param>
    /// <param name="cancellationToken">Stops the wait for the admin's reply (the create may still happen); when already cancelled, nothing is asked.</param>
    /// <returns>The new (or, for a live global name, existing) actor's address.</returns>
    /// <exception cref="InvalidActorSpecificationException">The type cannot be an actor, or its constructor threw.</exception>
    /// <exception cref="InvalidActorSourceHashException">The source hash names no loaded source.</exception>
    /// <exception cref="NoCompatibleSystemForActorException">No system's capabilities satisfy the actor.</exception>
    public Task<ActorAddress> CreateActorAsync(Type actorType, object? targetActorRequirements = null, string? globalName = null,
                                               string? sourceHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        return CreateActorAsync(SpecFor(actorType), targetActorRequirements, globalName, sourceHash, cancellationToken);
    }

    /// <summary>The asynchronous <see cref="CreateActor{TActor}"/>: completes once the actor runs.</summary>
    /// <typeparam name="TActor">A concrete actor type with a parameterless constructor, or one an <see cref="IActorFactory"/> constructs.</typeparam>
    /// <param name="targetActorRequirements">Passed to the actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor.</param>
    /// <param name="sourceHash">A loaded source to find the type in first.</param>
    /// <param name="cancellationToken">Stops the wait for the admin's reply.</param>
    /// <returns>The new actor's address.</returns>
    public Task<ActorAddress> CreateActorAsync<TActor>(object? targetActorRequirements = null, string? globalName = null,
                                                       string? sourceHash = null, CancellationToken cancellationToken = default)
        where TActor : Actor => CreateActorAsync(typeof(TActor), targetActorRequirements, globalName, sourceHash, cancellationToken);

    /// <summary>The asynchronous <see cref="CreateActor(string, object?, string?, string?)"/>: completes once the actor runs.</summary>
    /// <param name="actorTypeName">
    /// "Namespace.TypeName" (searched in the loaded source first when <paramref name="sourceHash"/> is given, then on the
    /// actor path) or an assembly-qualified name.
    /// </param>
    /// <param name="targetActorRequirements">Passed to the actor's capability check.</param>
    /// <param name="globalName">Makes it a named actor.</param>
    /// <param name="sourceHash">A loaded source to find the type in first.</param>
    /// <param name="cancellationToken">Stops the wait for the admin's reply.</param>
    /// <returns>The new actor's address.</returns>
    public Task<ActorAddress> CreateActorAsync(string actorTypeName, object? targetActorRequirements = null, string? globalName = null,
                                               string? sourceHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actorTypeName);
        return CreateActorAsync(ActorSpec.For(actorTypeName), targetActorRequirements, globalName, sourceHash, cancellationToken);
    }

    /// <summary>
    /// <see cref="AskAsync"/> for a reply of type <typeparamref name="T"/>: completes with the first message to reach this
    /// endpoint, cast to <typeparamref name="T"/>.
    /// </summary>
    /// <typeparam name="T">
    /// The reply type. A reference type or a nullable value type (<c>int?</c>) gives null when no reply comes, exactly as
    /// <see cref="AskAsync"/> does. A non-nullable value type (<c>int</c>) cannot hold "no reply", so then the task fails
    /// with <see cref="ActorSystemRequestTimeoutException"/> rather than pass off <c>default</c> as an answer.
    /// </typeparam>
    /// <param name="target">The actor's address.</param>
    /// <param name="message">The message.</param>
    /// <param name="timeout">How long to wait; null waits for ever (on the simple base: until nothing more can happen).</param>
    /// <param name="cancellationToken">Cancels the wait; when already cancelled, nothing is sent.</param>
    /// <returns>The reply, or null (see <typeparamref name="T"/>).</returns>
    /// <exception cref="UnexpectedReplyException">
    /// The first message to arrive is not a <typeparamref name="T"/> (a <see cref="PoisonMessage"/> when the actor failed
    /// on the request); the message names both types and the exception carries the reply.
    /// </exception>
    /// <exception cref="ActorSystemRequestTimeoutException">No reply came and <typeparamref name="T"/> is a non-nullable value type.</exception>
    public Task<T?> AskAsync<T>(ActorAddress target, object message, TimeSpan? timeout = null,
                                CancellationToken cancellationToken = default) =>
        TypedReply<T>(AskAsync(target, message, timeout, cancellationToken), target, timeout);

    /// <summary>
    /// The asynchronous <see cref="Shutdown"/>: stops every actor of the system (on multiproc bases the admin and every
    /// actor process too), then releases this object.
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops the wait for the admin's reply and exit (multiproc); the shutdown the admin has begun goes on, and this
    /// object is shut down either way. When already cancelled, nothing is done.
    /// </param>
    /// <returns>A task that completes when the system has stopped.</returns>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _system.ShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also when the wait was cancelled: the base counts itself shut down once it has begun.
            if (_system.IsShutDown)
            {
                SystemRegistry.Forget(_system);
                await DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The asynchronous <see cref="Dispose"/>: releases this object's endpoint. A multiproc system keeps running; a
    /// simple-base system ends with the object that started it.
    /// </summary>
    /// <returns>A task that completes when this process's part is released.</returns>
    public async ValueTask DisposeAsync()
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
            await _system.ShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await _system.ReleaseAsync().ConfigureAwait(false);
        }

        SystemRegistry.Forget(_system);
    }

    private async Task<ActorAddress> CreateActorAsync(ActorSpec spec, object? requirements, string? globalName, string? sourceHash,
                                                      CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var system = Live();
        return await MeasuredCreateAsync(spec, () => system.CreateActorAsync(spec, requirements, globalName, sourceHash, cancellationToken))
                         .ConfigureAwait(false);
    }

    private static async Task<T?> TypedReply<T>(Task<object?> asking, ActorAddress target, TimeSpan? timeout)
    {
        var reply = await asking.ConfigureAwait(false);
        return reply switch
        {
            T typed => typed,
            null when default(T) is null => default,
            null => throw new ActorSystemRequestTimeoutException(
                $"No reply from {target} {(timeout is { } wait ? $"within {wait.TotalSeconds:0.###} s" : "before nothing more could happen")}; " +
                $"a {typeof(T).FullName} cannot be null: ask for {typeof(T).Name}? to receive null instead."),
            _ => throw new UnexpectedReplyException(typeof(T), reply),
        };
    }
}
