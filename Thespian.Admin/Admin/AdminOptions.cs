namespace Thespian.Admin.Admin;

/// <summary>How an admin runs: its base, port, initial capabilities, actor path and logging.</summary>
internal sealed record AdminOptions
{
    /// <summary>The base name ("multiprocTCPBase").</summary>
    public required string BaseName { get; init; }

    /// <summary>The admin port.</summary>
    public required int Port { get; init; }

    /// <summary>The initial capabilities (without the read-only ones).</summary>
    public IDictionary<string, object?> Capabilities { get; init; } = new Dictionary<string, object?>();

    /// <summary>Extra folders actor types may be loaded from (besides the admin's own folder).</summary>
    public IReadOnlyList<string> ActorPath { get; init; } = [];

    /// <summary>
    /// The files of the application that started the system (<c>--app-deps</c>, <c>--app-runtimeconfig</c>): actor hosts
    /// run with them, so they resolve dependencies and run as the application does; null: with Thespian.Admin's own.
    /// </summary>
    public Multiproc.ApplicationRuntime? Application { get; init; }

    /// <summary>The system log file.</summary>
    public string? LogFile { get; init; }

    /// <summary>The lowest level logged.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>The system's shared secret (handed down to every host), or null when it has none.</summary>
    public Wire.Authentication.SystemSecret? Secret { get; init; }

    /// <summary>The system's TLS settings (handed down to every host), or null when it runs none.</summary>
    public Wire.Tls.TlsCredentials? Tls { get; init; }

    /// <summary>How many idle hosts to keep warm ("Process Startup Method" "pool"); 0 for "spawn".</summary>
    public int WarmHosts { get; init; } = 2;
}
