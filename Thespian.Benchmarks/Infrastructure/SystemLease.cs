namespace Thespian.Benchmarks.Infrastructure;

/// <summary>A transient actor system for one scenario (or one repetition), shut down when disposed.</summary>
internal sealed class SystemLease : IDisposable
{
    public SystemLease(string systemBase)
    {
        System = new ActorSystem(systemBase, logDefs: LogDefs.Disabled, transientUnique: true);
    }

    public ActorSystem System { get; }

    /// <summary>Shuts the system down (on multiproc bases Dispose alone would leave it running).</summary>
    public void Dispose() => System.Shutdown();
}
