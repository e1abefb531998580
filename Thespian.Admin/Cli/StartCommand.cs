using System.CommandLine;
using Thespian.Multiproc;

namespace Thespian.Admin.Cli;

/// <summary>
/// <c>thespian-admin start</c>: starts an admin on the port (detached, returning once it answers; or in this
/// process with <c>--foreground</c>), or says that one is already running there.
/// </summary>
internal static class StartCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var target = new TargetOptions();
        var options = new StartOptions();
        var command = new Command("start",
            "Starts the admin of a system on the port, detached (it outlives this command), and returns once it answers. " +
            "If a Thespian admin already answers there, says so and leaves it as it is.");
        target.AddTo(command);
        options.AddTo(command);
        Verb.SetBody(command, async (parseResult, output, cancellationToken) =>
        {
            var (adminBase, port) = target.Read(parseResult);
            var capabilities = options.ReadCapabilities(parseResult);
            var givenCapabilities = capabilities.Count;
            adminBase.AddCredentialsTo(capabilities);
            var actorPath = options.ReadActorPath(parseResult);
            var application = options.ReadApplication(parseResult);
            if (await AdminProbing.IsRunningAsync(adminBase, port, cancellationToken).ConfigureAwait(false))
            {
                return await ReportAlreadyRunningAsync(parseResult, adminBase, port, givenCapabilities + actorPath.Count > 0,
                                                       cancellationToken).ConfigureAwait(false);
            }

            if (parseResult.GetValue(options.Foreground))
            {
                return await ForegroundAdmin.RunAsync(new ForegroundAdmin.Settings(adminBase, port, capabilities, actorPath, application),
                                                      output, cancellationToken).ConfigureAwait(false);
            }

            bool started;
            var waiting = WaitNotice.Start(parseResult.InvocationConfiguration.Error,
                () => $"the {adminBase.Name} admin to answer on port {port} (its log: {AdminLauncher.LogFileFor(port, null)})");
            await using (waiting.ConfigureAwait(false))
            {
                started = await AdminLauncher.EnsureRunningAsync(adminBase.CreateProbe(), adminBase.Endpoint(port), port,
                                                                 adminBase.Name, capabilities, logDefs: null, actorPath, application,
                                                                 adminBase.Secret, adminBase.Tls)
                                             .ConfigureAwait(false);
            }

            if (!started)
            {
                return await ReportAlreadyRunningAsync(parseResult, adminBase, port, givenCapabilities + actorPath.Count > 0,
                                                       cancellationToken).ConfigureAwait(false);
            }

            var connection = await AdminConnection.OpenAsync(adminBase, port, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await Verb.WriteLineAsync(output,
                    $"{adminBase.Name} admin running on port {port} (pid {connection.AdminProcessId}); " +
                    $"log: {AdminLauncher.LogFileFor(port, null)}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> ReportAlreadyRunningAsync(ParseResult parseResult, AdminBase adminBase, int port,
                                                             bool settingsIgnored, CancellationToken cancellationToken)
    {
        var connection = await AdminConnection.OpenAsync(adminBase, port, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await Verb.WriteLineAsync(parseResult.InvocationConfiguration.Output,
                $"{adminBase.Name} admin already running on port {port} (pid {connection.AdminProcessId}).").ConfigureAwait(false);
        }

        if (settingsIgnored)
        {
            await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                "thespian-admin: note: the running admin keeps its own capabilities and actor path; " +
                "stop it first to start one with these.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
}
