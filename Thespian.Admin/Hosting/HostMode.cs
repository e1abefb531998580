using Microsoft.Extensions.Logging;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire.Authentication;

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
        using var logging = new ThespianLogging(logFile is null
            ? LogDefs.Disabled
            : new LogDefs
            {
                FilePath = logFile,
                MinimumLevel = Enum.TryParse<LogLevel>(arguments.Optional("--log-level"), out var level) ? level : LogLevel.Information,
            });
        // The base the admin serves: its transport, with the defaults until the admin hands over the system's capabilities.
        var transport = MultiprocTransports.For(arguments.Optional("--base") ?? SystemBaseNames.MultiprocTcp)
                                           .Create(TransportRole.Host, 0, capabilities: null, SecretSettings.TakeInherited());
        var host = new ActorHost(transport, actorPath, new ActorAddress(adminId), arguments.Required("--admin"),
                                 arguments.RequiredInt("--admin-pid"), logging);
        return await host.RunAsync().ConfigureAwait(false);
    }
}
