using System.Diagnostics;
using System.Globalization;
using Thespian.Wire.Authentication;
using Thespian.Wire.Tls;

namespace Thespian.Multiproc;

/// <summary>
/// Starts an admin when nothing answers on the admin port — as a detached process in its own session,
/// with no inherited standard streams, so it outlives its starter and never holds a pipe or a terminal
/// open — and waits until it answers. Joins the one there when a Thespian admin answers.
/// </summary>
internal static class AdminLauncher
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(15);

    /// <summary>How long a new admin may take to answer.</summary>
    public static TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Makes sure an admin answers at <paramref name="endpoint"/>; returns whether this call started it.</summary>
    /// <param name="probe">Checks what answers on the port.</param>
    /// <param name="endpoint">The admin's "host:port".</param>
    /// <param name="port">The admin port.</param>
    /// <param name="baseName">The base the admin runs.</param>
    /// <param name="capabilities">The initial capabilities of a new admin.</param>
    /// <param name="logDefs">Where a new admin logs.</param>
    /// <param name="extraActorPath">
    /// Folders a new admin may load actor assemblies from, besides its own folder and this application's
    /// (thespian-admin start --actor-path).
    /// </param>
    /// <param name="application">
    /// The application whose deps.json and runtimeconfig actor hosts run with (thespian-admin start --app); by default
    /// this process's own, unless it is Thespian.Admin itself.
    /// </param>
    /// <param name="secret">The system's secret: the probe proves it, and a new admin gets it in its environment.</param>
    /// <param name="tls">The system's TLS settings: the probe uses them, and a new admin gets them in its environment.</param>
    /// <exception cref="ActorSystemStartupFailureException">
    /// Something else is on the port, the admin there has another secret (or none), or the admin did not come up.
    /// </exception>
    public static async Task<bool> EnsureRunningAsync(IAdminProbe probe, string endpoint, int port, string baseName,
                                                      IDictionary<string, object?>? capabilities, LogDefs? logDefs,
                                                      IReadOnlyList<string>? extraActorPath = null,
                                                      ApplicationRuntime? application = null, SystemSecret? secret = null,
                                                      TlsCredentials? tls = null)
    {
        var (result, detail) = await probe.ProbePatientlyAsync(endpoint, CancellationToken.None).ConfigureAwait(false);
        switch (result)
        {
            case AdminProbeResult.ThespianAdmin:
                return false;
            case AdminProbeResult.SomethingElse:
                throw NotAnAdmin(port, detail);
            case AdminProbeResult.Unauthenticated:
                throw Unauthenticated(port, detail);
        }

        var logFile = LogFileFor(port, logDefs);
        Launch(port, baseName, capabilities, logFile, logDefs, extraActorPath ?? [], application ?? ThisApplication(), secret, tls);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            await Task.Delay(ProbeInterval).ConfigureAwait(false);
            (result, detail) = await probe.ProbeAsync(endpoint, CancellationToken.None).ConfigureAwait(false);
            if (result == AdminProbeResult.ThespianAdmin)
            {
                return true;
            }

            if (result == AdminProbeResult.SomethingElse)
            {
                throw NotAnAdmin(port, detail);
            }

            if (result == AdminProbeResult.Unauthenticated)
            {
                throw Unauthenticated(port, detail);
            }

            // Unresponsive: the new admin accepted but has not answered yet (busy starting, or a lossy link): probe again.
        }

        throw new ActorSystemStartupFailureException(
            $"The {baseName} admin did not come up on port {port} within {StartupTimeout.TotalSeconds:0} s. " +
            (logFile is null ? "Enable a log file (LogDefs.FilePath) to see why." : $"See its log, {logFile}."));
    }

    /// <summary>The system log file: LogDefs.FilePath, else one per admin port in the temp folder; none when disabled.</summary>
    public static string? LogFileFor(int port, LogDefs? logDefs) => logDefs switch
    {
        { IsDisabled: true } => null,
        { FilePath: { } path } => Path.GetFullPath(path),
        _ => Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"thespian-{port}.log")),
    };

    private static void Launch(int port, string baseName, IDictionary<string, object?>? capabilities, string? logFile,
                               LogDefs? logDefs, IReadOnlyList<string> extraActorPath, ApplicationRuntime? application,
                               SystemSecret? secret, TlsCredentials? tls)
    {
        var command = new List<string>(AdminCommand.For(baseName, application))
        {
            "admin-run", "--base", baseName, "--port", port.ToString(CultureInfo.InvariantCulture),
            "--actor-path", AppContext.BaseDirectory,
        };
        foreach (var folder in extraActorPath)
        {
            command.AddRange(["--actor-path", Path.GetFullPath(folder)]);
        }

        // Actor hosts resolve dependencies and run with the settings of the application that starts the system.
        if (application is not null)
        {
            command.AddRange(["--app-deps", application.DepsFile, "--app-runtimeconfig", application.RuntimeConfigFile]);
        }

        if (capabilities is { Count: > 0 })
        {
            command.AddRange(["--capabilities", CapabilityArgument.Encode(capabilities)]);
        }

        if (logFile is not null)
        {
            command.AddRange(["--log-file", logFile, "--log-level", (logDefs?.MinimumLevel ?? Microsoft.Extensions.Logging.LogLevel.Information).ToString()]);
        }

        StartDetached(command, secret, tls);
    }

    /// <summary>This process's application, unless it is Thespian.Admin (thespian-admin start without --app).</summary>
    private static ApplicationRuntime? ThisApplication() =>
        ApplicationRuntime.OfThisProcess() is { } application &&
        !string.Equals(Path.GetFileName(application.DepsFile), "Thespian.Admin.deps.json", StringComparison.Ordinal)
            ? application
            : null;

    /// <summary>
    /// Runs a command in a new session with standard streams on /dev/null, through <c>setsid --fork</c>,
    /// which returns at once; the command is then nobody's child and outlives this process.
    /// </summary>
    private static void StartDetached(IReadOnlyList<string> command, SystemSecret? secret, TlsCredentials? tls)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // In the environment, never on the command line (which every user of the host sees in ps).
        SecretSettings.HandDown(start.Environment, secret);
        TlsSettings.HandDown(start.Environment, tls);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid --fork \"$@\" </dev/null >/dev/null 2>&1");
        start.ArgumentList.Add("thespian-admin-launcher");
        foreach (var part in command)
        {
            start.ArgumentList.Add(part);
        }

        using var launcher = Process.Start(start)
            ?? throw new ActorSystemStartupFailureException("Could not run /bin/sh to start the admin.");
        if (!launcher.WaitForExit(TimeSpan.FromSeconds(30)) || launcher.ExitCode != 0)
        {
            throw new ActorSystemStartupFailureException(
                "Could not start the admin detached (setsid failed); is util-linux's setsid installed?");
        }
    }

    private static ActorSystemStartupFailureException Unauthenticated(int port, string detail) => new(
        $"A Thespian admin answers on port {port}, but this process cannot prove its system's secret (or TLS certificate), so it may not join. {detail}");

    private static ActorSystemStartupFailureException NotAnAdmin(int port, string detail) => new(
        $"Something that is not a Thespian admin is listening on the admin port {port} ({detail}). " +
        $"Stop it, or choose another port with the capability \"{CommonCapabilities.AdminPort}\".");
}
