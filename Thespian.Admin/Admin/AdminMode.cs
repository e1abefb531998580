using Microsoft.Extensions.Logging;
using Thespian.Multiproc;
using Thespian.Runtime;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Admin.Admin;

/// <summary>The <c>admin-run</c> mode: this process is the admin of a system until it shuts down.</summary>
internal static class AdminMode
{
    /// <summary>Exit code when the admin port is already taken (another admin won the race).</summary>
    public const int PortTaken = 3;

    /// <summary>Exit code when the capabilities cannot be used (an unknown "Process Startup Method").</summary>
    public const int InvalidCapabilities = 4;

    /// <summary>Runs the admin until the system has shut down; returns the process exit code.</summary>
    /// <param name="arguments">The admin's command line (port, base, capabilities, actor path, log).</param>
    /// <param name="shutdown">Cancelled to shut the system down from this process (a signal).</param>
    public static async Task<int> RunAsync(ModeArguments arguments, CancellationToken shutdown)
    {
        var options = new AdminOptions
        {
            BaseName = arguments.Optional("--base") ?? SystemBaseNames.MultiprocTcp,
            Port = arguments.RequiredInt("--port"),
            Capabilities = CapabilityArgument.Decode(arguments.Optional("--capabilities")),
            ActorPath = arguments.All("--actor-path"),
            Application = ApplicationOf(arguments),
            LogFile = arguments.Optional("--log-file"),
            LogLevel = Enum.TryParse<LogLevel>(arguments.Optional("--log-level"), out var level) ? level : LogLevel.Information,
        };
        if (ProcessStartupMethods.Problem(options.Capabilities) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
            return InvalidCapabilities;
        }

        try
        {
            // Handed down by the process that started this admin, else configured on its command line.
            var secret = SecretSettings.TakeInherited() ?? SecretSettings.From(options.Capabilities);
            var tls = TlsSettings.TakeInherited() ?? TlsSettings.From(options.Capabilities);
            options = options with
            {
                Secret = secret, Tls = tls, Capabilities = TlsSettings.Redact(SecretSettings.Redact(options.Capabilities))!,
            };
        }
        catch (ActorSystemStartupFailureException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return InvalidCapabilities;
        }

        options = options with
        {
            WarmHosts = ProcessStartupMethods.Of(options.Capabilities) == ProcessStartupMethods.Spawn ? 0 : options.WarmHosts,
        };
        // Warnings and above also go to the convention's leader (when this system is a member of one); records at the
        // level applications registered as log sinks ask for go to them.
        using var relay = new LogRelay(LogLevel.Warning);
        using var sinkRelay = new LogRelay(LogLevel.None);
        using var logging = new ThespianLogging(options.LogFile is null
            ? new LogDefs { LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, MinimumLevel = LogLevel.Warning }
            : new LogDefs { FilePath = options.LogFile, MinimumLevel = options.LogLevel }, relay, sinkRelay);
        var transports = MultiprocTransports.For(options.BaseName);
        options = options with { BaseName = transports.BaseName };
        ITransport transport;
        try
        {
            transport = transports.Create(TransportRole.Admin, options.Port, options.Capabilities.AsReadOnly(), options.Secret, options.Tls);
        }
        catch (PortInUseException)
        {
            return PortTaken;
        }

        if (arguments.Optional("--app-deps") is { } unusable && options.Application is null)
        {
            // Not worth refusing to start for: hosts then run as those of a system started from the command line.
            logging.CreateLogger("Thespian.Admin").ApplicationFilesUnusable(unusable);
        }

        var server = new AdminServer(options, transport, logging, relay, sinkRelay);
        await using (server.ConfigureAwait(false))
        {
            server.Start();
            using var onSignal = shutdown.Register(server.RequestShutdown);
            await server.Stopped.ConfigureAwait(false);
        }

        logging.RuntimeLogger.AdminExiting();
        return 0;
    }

    private static ApplicationRuntime? ApplicationOf(ModeArguments arguments) =>
        arguments.Optional("--app-deps") is { } deps && arguments.Optional("--app-runtimeconfig") is { } runtimeConfig
            ? ApplicationRuntime.TryFrom(deps, runtimeConfig)
            : null;
}
