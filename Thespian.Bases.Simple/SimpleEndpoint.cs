using System.Diagnostics;
using Thespian.Runtime;

namespace Thespian.Bases.Simple;

/// <summary>
/// An application's endpoint on the simple base. Sending runs the system until it is at rest; waiting
/// delivers wakeups as they come due, and returns null at once when nothing more can arrive within the
/// timeout (no message queued, no wakeup due in time): on this base nothing happens in the background.
/// </summary>
internal sealed class SimpleEndpoint : ISystemEndpoint
{
    private readonly Queue<object> _inbox = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private bool _waiting;
    private bool _closed;

    public SimpleEndpoint(SimpleSystemBase system)
    {
        System = system;
        Address = ActorAddress.CreateNew(this);
    }

    /// <summary>The system this endpoint belongs to.</summary>
    public SimpleSystemBase System { get; }

    /// <inheritdoc />
    public ActorAddress Address { get; }

    private Lock Gate => System.Gate;

    /// <summary>A message has reached this endpoint (the caller holds the lock).</summary>
    public void Accept(object message, ActorAddress sender)
    {
        if (_closed)
        {
            System.DeadLetter(Address, message, sender);
            return;
        }

        if (!DeliveryRules.ReachesApplication(message))
        {
            System.Logging.RuntimeLogger.EndpointDroppedSystemMessage(message.GetType().Name, Address);
            return;
        }

        _inbox.Enqueue(message);
        if (_waiting)
        {
            _arrived.Release();
        }
    }

    /// <inheritdoc />
    public void Tell(ActorAddress target, object message)
    {
        lock (Gate)
        {
            System.EnqueueFromEndpoint(target, message, Address);
            System.RunUntilRest();
        }
    }

    /// <inheritdoc />
    public object? Ask(ActorAddress target, object message, TimeSpan? timeout)
    {
        // The deadline starts once the system is at rest: on this base nothing happens in the background,
        // so the timeout only bounds the wait for wakeups, and the common case reads no clock.
        if (TrySendAndTake(target, message, nameof(Ask), out var reply))
        {
            return reply;
        }

        return WaitForMessage(Deadline(Stopwatch.GetTimestamp(), timeout));
    }

    /// <inheritdoc />
    public object? Listen(TimeSpan? timeout)
    {
        var deadline = Deadline(Stopwatch.GetTimestamp(), timeout);
        lock (Gate)
        {
            RefuseInsideActor(nameof(Listen));
        }

        return WaitForMessage(deadline);
    }

    /// <inheritdoc />
    public Task<object?> AskAsync(ActorAddress target, object message, TimeSpan? timeout,
                                  CancellationToken cancellationToken)
    {
        if (TrySendAndTake(target, message, nameof(AskAsync), out var reply))
        {
            return Task.FromResult(reply);
        }

        return WaitForMessageAsync(Deadline(Stopwatch.GetTimestamp(), timeout), cancellationToken);
    }

    /// <inheritdoc />
    public Task<object?> ListenAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = Deadline(Stopwatch.GetTimestamp(), timeout);
        lock (Gate)
        {
            RefuseInsideActor(nameof(ListenAsync));
        }

        return WaitForMessageAsync(deadline, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (Gate)
        {
            _closed = true;
            _inbox.Clear();
        }
    }

    private object? WaitForMessage(long? deadline)
    {
        while (true)
        {
            var step = Step(deadline);
            if (step.Done)
            {
                return step.Message;
            }

            _arrived.Wait(step.Delay);
        }
    }

    private async Task<object?> WaitForMessageAsync(long? deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var step = Step(deadline);
            if (step.Done)
            {
                return step.Message;
            }

            await _arrived.WaitAsync(step.Delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs the system to rest and takes a message if one has arrived; else says how long to wait for
    /// the next wakeup, or that nothing can arrive in time.
    /// </summary>
    private WaitStep Step(long? deadline)
    {
        lock (Gate)
        {
            _waiting = false;
            if (System.IsShutDown)
            {
                return WaitStep.Finished(null);
            }

            System.RunUntilRest();
            if (_inbox.TryDequeue(out var message))
            {
                return WaitStep.Finished(message);
            }

            var nextWakeup = System.NextWakeupDue;
            if (nextWakeup is null || (deadline is not null && nextWakeup > deadline))
            {
                return WaitStep.Finished(null);
            }

            _waiting = true;
            var delay = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextWakeup.Value);
            return WaitStep.WaitFor(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        }
    }

    private void RefuseInsideActor(string operation)
    {
        if (System.IsInsideActorCode)
        {
            throw new InvalidOperationException(
                $"ActorSystem.{operation} cannot be called from inside an actor on simpleSystemBase: the actor would wait " +
                "for messages that only it can let through. Use Send and handle the reply in ReceiveMessage.");
        }
    }

    /// <summary>
    /// Sends and runs the system to rest under one lock; takes the answer at once when it is there
    /// (the common case on this base).
    /// </summary>
    private bool TrySendAndTake(ActorAddress target, object message, string operation, out object? reply)
    {
        lock (Gate)
        {
            RefuseInsideActor(operation);
            System.EnqueueFromEndpoint(target, message, Address);
            System.RunUntilRest();
            return _inbox.TryDequeue(out reply);
        }
    }

    private static long? Deadline(long start, TimeSpan? timeout) => timeout is { } t
        ? start + (long)Math.Min(t.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 4)
        : null;

    private readonly record struct WaitStep(bool Done, object? Message, TimeSpan Delay)
    {
        public static WaitStep Finished(object? message) => new(true, message, TimeSpan.Zero);

        public static WaitStep WaitFor(TimeSpan delay) => new(false, null, delay);
    }
}
