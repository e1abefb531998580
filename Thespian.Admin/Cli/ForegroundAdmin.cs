using System.Globalization;
using Thespian.Admin.Admin;
using Thespian.Multiproc;

namespace Thespian.Admin.Cli;

/// <summary>
/// <c>thespian-admin start --foreground</c>: runs the admin in this process (<see cref="AdminMode"/>) until the
/// system is stopped; Ctrl+C or SIGTERM shuts the system down the way <c>thespian-admin stop</c> does.
/// </summary>
internal static class ForegroundAdmin
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(15);

    /// <summary>What to run: the base, the port, the initial capabilities and the extra actor-path folders.</summary>
    /// <param name="Base">The base.</param>
    /// <param name="Port">The admin port.</param>
    /// <param name="Capabilities">The initial capabilities.</param>
    /// <param name="ActorPath">Extra folders actor assemblies may load from.</param>
    /// <param name="Application">The application whose files actor hosts run with (--app), or null.</param>
    internal sealed record Settings(AdminBase Base, int Port, IDictionary<string, object?> Capabilities, IReadOnlyList<string> ActorPath,
                                    ApplicationRuntime? Application = null);

    /// <summary>Runs the admin until the system shuts down; returns the exit code.</summary>
    public static async Task<int> RunAsync(Settings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var logFile = AdminLauncher.LogFileFor(settings.Port, null);
        // Ctrl+C or SIGTERM (the token) shuts the system down inside this process, as 'stop' would.
        var run = AdminMode.RunAsync(ModeArguments.Parse(AdminArguments(settings, logFile)), cancellationToken);
        var probe = settings.Base.CreateProbe();
        var endpoint = settings.Base.Endpoint(settings.Port);
        while (!run.IsCompleted)
        {
            var (answer, _) = await probe.ProbeAsync(endpoint, CancellationToken.None).ConfigureAwait(false);
            if (answer == AdminProbeResult.ThespianAdmin)
            {
                await Verb.WriteLineAsync(output,
                    $"{settings.Base.Name} admin running on port {settings.Port} (pid {Environment.ProcessId}) in the foreground; " +
                    $"log: {logFile}; stop it with 'thespian-admin stop --port {settings.Port}' or Ctrl+C.").ConfigureAwait(false);
                await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                break;
            }

            await Task.WhenAny(run, Task.Delay(ProbeInterval, CancellationToken.None)).ConfigureAwait(false);
        }

        if (await run.ConfigureAwait(false) == AdminMode.PortTaken)
        {
            throw new CliException(ExitCodes.Failure,
                $"Port {settings.Port} was taken by another process while this admin started; run 'thespian-admin status --port {settings.Port}'.");
        }

        await Verb.WriteLineAsync(output, $"{settings.Base.Name} admin on port {settings.Port} stopped.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static List<string> AdminArguments(Settings settings, string? logFile)
    {
        var arguments = new List<string>
        {
            "--base", settings.Base.Name, "--port", settings.Port.ToString(CultureInfo.InvariantCulture),
        };
        if (settings.Capabilities.Count > 0)
        {
            arguments.AddRange(["--capabilities", CapabilityArgument.Encode(settings.Capabilities)]);
        }

        foreach (var folder in settings.ActorPath)
        {
            arguments.AddRange(["--actor-path", folder]);
        }

        if (settings.Application is { } application)
        {
            arguments.AddRange(["--app-deps", application.DepsFile, "--app-runtimeconfig", application.RuntimeConfigFile]);
        }

        if (logFile is not null)
        {
            arguments.AddRange(["--log-file", logFile]);
        }

        return arguments;
    }
}
