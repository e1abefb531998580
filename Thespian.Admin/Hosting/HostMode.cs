using Microsoft.Extensions.Logging;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Admin.Hosting;

/// <summary>The <c>host</c> mode: this process runs one actor for the admin that started it.</summary>
internal static class HostMode
{
    public static async Task<int> RunAsync(ModeArguments arguments)
    {
        var adminId = ActorId.TryParseHex(arguments.Required("--admin-id"), out var id)
            ? id
            : throw new ArgumentException("The option --admin-id needs the admin's identity: 32 hexadecimal digits.");
        var actorPath = new ActorPath(arguments.All("--actor-path"));
        actorPath.Install();
        var logFile = arguments.Optional("--log-file");
        var minimumLevel = Enum.TryParse<LogLevel>(arguments.Optional("--log-level"), out var level) ? level : LogLevel.Information;
        // Records go to the system's log file, if any, and (once the admin asks for them) to the admin for the
        // applications registered as log sinks.
        using var forwarding = new LogRelay(LogLevel.None);
        using var logging = new ThespianLogging(logFile is null
            ? new LogDefs { LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, MinimumLevel = minimumLevel }
            : new LogDefs { FilePath = logFile, MinimumLevel = minimumLevel }, forwarding);
        // The base the admin serves: its transport, with the defaults until the admin hands over the system's capabilities.
        var baseName = arguments.Optional("--base") ?? SystemBaseNames.MultiprocTcp;
        var transport = MultiprocTransports.For(baseName).Create(TransportRole.Host, 0, capabilities: null,
                                                                    SecretSettings.TakeInherited(), TlsSettings.TakeInherited());
        var host = new ActorHost(transport, actorPath, new ActorAddress(adminId), arguments.Required("--admin"),
                                 arguments.RequiredInt("--admin-pid"), logging, baseName, forwarding);
        return await host.RunAsync().ConfigureAwait(false);
    }
}
