namespace Thespian.Runtime;

/// <summary>The process-wide actor system: a second <c>new ActorSystem()</c> joins the one running.</summary>
internal static class SystemRegistry
{
    private static readonly Lock Gate = new();
    private static ISystemBase? s_current;

    /// <summary>
    /// Starts or joins a system. A null name joins the running process-wide system, or starts the simple
    /// base; a name joins the running system when it is of that base, else starts one. A transient system
    /// is never registered as the process-wide one. <paramref name="actorFactory"/>, like the capabilities, applies
    /// only to a system this call starts.
    /// </summary>
    /// <returns>The system, and whether this call started it.</returns>
    public static (ISystemBase System, bool Started) StartOrJoin(string? systemBase,
                                                                 IDictionary<string, object?>? capabilities,
                                                                 LogDefs? logDefs, bool transientUnique,
                                                                 IActorFactory? actorFactory = null)
    {
        var name = systemBase is null ? null : SystemBaseLoader.Canonical(systemBase);
        lock (Gate)
        {
            if (!transientUnique && s_current is { IsShutDown: false } current && (name is null || name == current.Name) &&
                SamePortOrUnspecified(current, capabilities))
            {
                return (current, false);
            }

            var started = SystemBaseLoader.FactoryFor(name ?? SystemBaseNames.Simple).StartOrJoin(capabilities, logDefs);
            if (actorFactory is not null)
            {
                started.UseActorFactory(actorFactory);
            }

            if (!transientUnique)
            {
                s_current = started;
            }

            return (started, true);
        }
    }

    /// <summary>A request naming another admin port means another system, not the process-wide one.</summary>
    private static bool SamePortOrUnspecified(ISystemBase current, IDictionary<string, object?>? capabilities) =>
        capabilities is null || !capabilities.TryGetValue(CommonCapabilities.AdminPort, out var port) || port is null ||
        (current.Capabilities.TryGetValue(CommonCapabilities.AdminPort, out var running) && Truthiness.ValuesEqual(running, port));

    /// <summary>Forgets the process-wide system once it has shut down.</summary>
    public static void Forget(ISystemBase system)
    {
        lock (Gate)
        {
            if (ReferenceEquals(s_current, system))
            {
                s_current = null;
            }
        }
    }
}
