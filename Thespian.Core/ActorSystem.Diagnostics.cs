using System.Diagnostics;
using Thespian.Diagnostics;
using Thespian.Runtime;

namespace Thespian;

/// <summary>The application side of Thespian's metrics and traces (docs/observability.md).</summary>
public sealed partial class ActorSystem
{
    /// <summary>A tell: counted, and traced when a listener samples it.</summary>
    private void TracedTell(ActorAddress target, object message)
    {
        ThespianMetrics.MessageSent(_system.Name, null);
        using var activity = ThespianTracing.StartClient(ThespianTracing.TellActivity, ActivityKind.Producer, _system.Name, message);
        Endpoint().Tell(target, message);
    }

    /// <summary>An ask: counted, and traced (until its answer) when a listener samples it.</summary>
    private object? TracedAsk(ActorAddress target, object message, TimeSpan? timeout)
    {
        ThespianMetrics.MessageSent(_system.Name, null);
        using var activity = ThespianTracing.StartClient(ThespianTracing.AskActivity, ActivityKind.Client, _system.Name, message);
        try
        {
            return Endpoint().Ask(target, message, timeout);
        }
        catch (Exception ex) when (activity is not null)
        {
            ThespianTracing.Fail(activity, ex);
            throw;
        }
    }

    /// <summary>An asynchronous ask: counted, and traced until its answer when a listener samples it.</summary>
    private Task<object?> TracedAskAsync(ActorAddress target, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ThespianMetrics.MessageSent(_system.Name, null);
        if (!ThespianTracing.Source.HasListeners())
        {
            return Endpoint().AskAsync(target, message, timeout, cancellationToken);
        }

        var previous = Activity.Current;
        var activity = ThespianTracing.StartClient(ThespianTracing.AskActivity, ActivityKind.Client, _system.Name, message);
        if (activity is null)
        {
            return Endpoint().AskAsync(target, message, timeout, cancellationToken);
        }

        try
        {
            return StopWhenDone(activity, Endpoint().AskAsync(target, message, timeout, cancellationToken));
        }
        catch (Exception ex)
        {
            ThespianTracing.Fail(activity, ex);
            activity.Dispose();
            throw;
        }
        finally
        {
            // The activity was current only for the send: the caller's context goes on as it was.
            Activity.Current = previous;
        }
    }

    /// <summary>A create: its duration measured and traced.</summary>
    private ActorAddress MeasuredCreate(ActorSpec spec, Func<ActorAddress> create)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = ThespianTracing.StartCreate(_system.Name, spec.DisplayName);
        try
        {
            var address = create();
            ThespianMetrics.ActorCreated(_system.Name, spec.DisplayName, started, failure: null);
            return address;
        }
        catch (Exception ex)
        {
            CreateFailed(spec, started, activity, ex);
            throw;
        }
    }

    /// <summary>An asynchronous create: its duration measured and traced.</summary>
    private async Task<ActorAddress> MeasuredCreateAsync(ActorSpec spec, Func<Task<ActorAddress>> create)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = ThespianTracing.StartCreate(_system.Name, spec.DisplayName);
        try
        {
            var address = await create().ConfigureAwait(false);
            ThespianMetrics.ActorCreated(_system.Name, spec.DisplayName, started, failure: null);
            return address;
        }
        catch (Exception ex)
        {
            CreateFailed(spec, started, activity, ex);
            throw;
        }
    }

    /// <summary>A failed create: its duration recorded with the error's type, and its activity marked failed.</summary>
    private void CreateFailed(ActorSpec spec, long started, Activity? activity, Exception failure)
    {
        ThespianMetrics.ActorCreated(_system.Name, spec.DisplayName, started, failure);
        if (activity is not null)
        {
            ThespianTracing.Fail(activity, failure);
        }
    }

    private static async Task<object?> StopWhenDone(Activity activity, Task<object?> asking)
    {
        try
        {
            return await asking.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ThespianTracing.Fail(activity, ex);
            throw;
        }
        finally
        {
            activity.Dispose();
        }
    }
}
