namespace Thespian.Hosting;

/// <summary>
/// How <see cref="ThespianServiceCollectionExtensions.AddThespian(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration?, Action{ThespianOptions}?)"/>
/// starts or joins the actor system. Bound from a configuration section (by default "Thespian") and then from code.
/// </summary>
/// <example><code>
/// "Thespian": {
///   "SystemBase": "multiprocTCPBase",
///   "Capabilities": { "Admin Port": "1900", "Max Message Size": "1000000", "Convention Address.IPv4": [ "10.0.0.5:1900" ] },
///   "Log": { "FilePath": "logs/thespian.log", "MinimumLevel": "Warning" },
///   "ShutdownOnStop": true
/// }
/// </code></example>
public sealed class ThespianOptions
{
    /// <summary>The configuration section <c>AddThespian</c> reads by default.</summary>
    public const string SectionName = "Thespian";

    /// <summary>"simpleSystemBase" (the default), "multiprocTCPBase" or "multiprocUDPBase" (see <see cref="SystemBaseNames"/>).</summary>
    public string? SystemBase { get; set; }

    /// <summary>
    /// The capabilities of a system this application starts (ignored when it joins one). Values from configuration are
    /// text: before the system starts, each is converted to the type Thespian reads for that capability (for example
    /// "Max Message Size" to an <see cref="int"/>, "Outbound Only" to a <see cref="bool"/>); a value that cannot be
    /// converted stops the host's start with an error naming the capability and the type expected. Capabilities Thespian
    /// does not know (the application's own) become an <see cref="int"/> when whole numbers, a <see cref="bool"/> when
    /// "true" or "false", a <see cref="string"/> array when a list, else stay text.
    /// </summary>
    public IDictionary<string, object?> Capabilities { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Where the system logs (null members: the base's defaults).</summary>
    public ThespianLogOptions Log { get; set; } = new();

    /// <summary>A new system of this application's own rather than the process-wide one (tests; several hosts in a process).</summary>
    public bool TransientUnique { get; set; }

    /// <summary>
    /// Whether stopping the host shuts the whole system down (the default), or only releases this application's part of
    /// it (a multiproc system started by <c>thespian-admin start</c>, shared with other applications, keeps running).
    /// A simple-base system always ends with the application.
    /// </summary>
    public bool ShutdownOnStop { get; set; } = true;

    /// <summary>
    /// Whether actors that run in this process (the simple base) are constructed through the application's services
    /// with <c>ActivatorUtilities</c>, so their constructors may take services (the default). Actor processes of the
    /// multiproc bases use <see cref="ActorFactoryAttribute"/> and <see cref="ActorServiceFactory"/> instead.
    /// </summary>
    public bool ConstructActorsWithServices { get; set; } = true;
}
