using System.Diagnostics;

namespace Thespian.Admin.Admin;

/// <summary>An actor host process started by the admin.</summary>
internal sealed class HostProcess(Process process)
{
    public Process Process { get; } = process;

    public int ProcessId { get; } = process.Id;

    /// <summary>Where the host receives, once it has said it is ready.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The actor it runs, once given one.</summary>
    public ActorRecord? Actor { get; set; }

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited { get; set; }
}
