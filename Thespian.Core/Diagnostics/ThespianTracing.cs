using System.Diagnostics;

namespace Thespian.Diagnostics;

/// <summary>
/// Thespian's activity source and the trace context that travels with a message. A context is carried as text: the W3C
/// <c>traceparent</c>, and the <c>tracestate</c> after a line feed when there is one (the envelope's optional field,
/// absent when there is no context). Activities exist only where a listener samples them; where none does (an actor
/// process without one), the context of the message being handled is passed on to what the actor sends, so the trace
/// is not cut.
/// </summary>
internal static class ThespianTracing
{
    /// <summary>The activity of <c>ActorSystem.Ask</c>/<c>AskAsync</c>.</summary>
    public const string AskActivity = "thespian.ask";

    /// <summary>The activity of <c>ActorSystem.Tell</c>.</summary>
    public const string TellActivity = "thespian.tell";

    /// <summary>The activity of one <c>ReceiveMessage</c> call (with its retry).</summary>
    public const string ReceiveActivity = "thespian.receive";

    /// <summary>The activity of <c>ActorSystem.CreateActor</c>/<c>CreateActorAsync</c>.</summary>
    public const string CreateActorActivity = "thespian.create_actor";

    private const char StateSeparator = '\n';

    /// <summary>The source.</summary>
    public static readonly ActivitySource Source = new(ThespianDiagnostics.ActivitySourceName,
                                                      typeof(ThespianTracing).Assembly.GetName().Version?.ToString());

    /// <summary>The context of the message this thread's actor is handling, when no activity carries it.</summary>
    [ThreadStatic]
    private static string? t_handling;

    /// <summary>
    /// The context to send with a message from this thread: the current activity's, else the handled message's; null
    /// when there is none (the usual case without tracing: an async-local and a thread-static read).
    /// </summary>
    public static string? Outgoing()
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return t_handling;
        }

        return activity.TraceStateString is { } state ? activity.Id + StateSeparator + state : activity.Id;
    }

    /// <summary>Starts an application-side activity (null when no listener samples it).</summary>
    public static Activity? StartClient(string name, ActivityKind kind, string baseName, object message)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(name, kind);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ThespianDiagnostics.BaseTag, baseName);
            activity.SetTag(ThespianDiagnostics.MessageTypeTag, message.GetType().FullName);
        }

        return activity;
    }

    /// <summary>Starts the activity of a create (null when no listener samples it).</summary>
    public static Activity? StartCreate(string baseName, string actorType)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(CreateActorActivity, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ThespianDiagnostics.BaseTag, baseName);
            activity.SetTag(ThespianDiagnostics.ActorTypeTag, actorType);
        }

        return activity;
    }

    /// <summary>Marks an activity failed with <paramref name="error"/> and stops it.</summary>
    public static void Fail(Activity activity, Exception error)
    {
        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag(ThespianDiagnostics.ErrorTypeTag, error.GetType().FullName);
    }

    /// <summary>
    /// Begins handling a message that came with <paramref name="context"/>: starts its receive activity when a listener
    /// samples it, else remembers the context for what the actor sends. Dispose the result when the handling ends.
    /// </summary>
    public static HandlingScope BeginHandling(string? context, string baseName, string actorType, object message)
    {
        if (Source.HasListeners())
        {
            var activity = Source.StartActivity(ReceiveActivity, ActivityKind.Consumer, ParentOf(context));
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(ThespianDiagnostics.BaseTag, baseName);
                activity.SetTag(ThespianDiagnostics.ActorTypeTag, actorType);
                activity.SetTag(ThespianDiagnostics.MessageTypeTag, message.GetType().FullName);
            }

            if (activity is not null)
            {
                return new HandlingScope(activity, null, restore: false);
            }
        }

        if (context is null && t_handling is null)
        {
            return default;
        }

        var previous = t_handling;
        t_handling = context;
        return new HandlingScope(null, previous, restore: true);
    }

    /// <summary>The parent context a carried text names (default, for a root activity, when none or unreadable).</summary>
    public static ActivityContext ParentOf(string? context)
    {
        if (context is null)
        {
            return default;
        }

        var separator = context.IndexOf(StateSeparator);
        var parent = separator < 0 ? context : context[..separator];
        var state = separator < 0 ? null : context[(separator + 1)..];
        return ActivityContext.TryParse(parent, state, isRemote: true, out var parsed) ? parsed : default;
    }

    /// <summary>The end of a message's handling: stops its activity or restores the previous context.</summary>
    internal readonly struct HandlingScope(Activity? activity, string? previous, bool restore) : IDisposable
    {
        /// <summary>The receive activity, if one was started.</summary>
        public Activity? Activity => activity;

        /// <inheritdoc />
        public void Dispose()
        {
            activity?.Dispose();
            if (restore)
            {
                t_handling = previous;
            }
        }
    }
}
