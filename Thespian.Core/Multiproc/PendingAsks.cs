namespace Thespian.Multiproc;

/// <summary>
/// The asks an application's endpoint is waiting on, by target, so that a send known to have failed (the target's
/// process is gone: the connection was refused or reset, or the admin says the actor is dead) ends the wait at once with
/// null, as Python Thespian's <c>ask</c> returns None when its send fails, instead of at the timeout (or never, with none).
/// Thread-safe: asks begin and end on the callers' threads; failures are reported on I/O threads.
/// </summary>
internal sealed class PendingAsks
{
    private readonly object _gate = new();
    private readonly List<Ask> _asks = [];

    /// <summary>One ask's wait: its token is cancelled when a message to its target is undeliverable.</summary>
    internal sealed class Ask : IDisposable
    {
        private readonly PendingAsks _owner;
        private readonly CancellationTokenSource _cancel;
        private volatile bool _failed;

        internal Ask(PendingAsks owner, ActorId target, CancellationToken callerToken)
        {
            _owner = owner;
            Target = target;
            _cancel = callerToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(callerToken)
                : new CancellationTokenSource();
        }

        /// <summary>Whom the ask was sent to.</summary>
        public ActorId Target { get; }

        /// <summary>Cancelled when the caller cancels, or when a message to the target could not be delivered.</summary>
        public CancellationToken Token => _cancel.Token;

        /// <summary>Whether the wait ended because a message to the target could not be delivered.</summary>
        public bool Failed => _failed;

        internal void Fail()
        {
            _failed = true;
            try
            {
                _cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The ask has just ended.
            }
        }

        /// <summary>Stops watching for failures (the ask has its answer, timed out, or was cancelled).</summary>
        public void Dispose()
        {
            _owner.Remove(this);
            _cancel.Dispose();
        }
    }

    /// <summary>Starts watching for failures of messages to <paramref name="target"/> (before the ask's message is sent).</summary>
    public Ask Begin(ActorId target, CancellationToken callerToken = default)
    {
        var ask = new Ask(this, target, callerToken);
        lock (_gate)
        {
            _asks.Add(ask);
        }

        return ask;
    }

    /// <summary>A message to <paramref name="target"/> could not be delivered: every ask waiting on it returns null now.</summary>
    public void Undeliverable(ActorId target)
    {
        List<Ask>? failed = null;
        lock (_gate)
        {
            foreach (var ask in _asks)
            {
                if (ask.Target == target)
                {
                    (failed ??= []).Add(ask);
                }
            }
        }

        // Cancelling runs the waiters' registrations: never under the lock.
        failed?.ForEach(static ask => ask.Fail());
    }

    private void Remove(Ask ask)
    {
        lock (_gate)
        {
            _ = _asks.Remove(ask);
        }
    }
}
