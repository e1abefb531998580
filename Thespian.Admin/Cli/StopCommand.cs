using System.CommandLine;

namespace Thespian.Admin.Cli;

/// <summary><c>thespian-admin stop</c>: shuts the system down and waits until its admin and hosts have exited.</summary>
internal static class StopCommand
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var target = new TargetOptions();
        var command = new Command("stop",
            "Shuts down the system whose admin listens on the port (every actor, every actor process, then the admin) " +
            "and waits until those processes have exited.");
        target.AddTo(command);
        Verb.SetBody(command, async (parseResult, output, cancellationToken) =>
        {
            var (adminBase, port) = target.Read(parseResult);
            var connection = await AdminConnection.OpenAsync(adminBase, port, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var adminProcessId = connection.AdminProcessId;
                List<int> processIds = [adminProcessId, .. connection.HostProcessIds()];
                IReadOnlyList<int> running;
                var waiting = WaitNotice.Start(parseResult.InvocationConfiguration.Error, () => StillRunning(processIds));
                await using (waiting.ConfigureAwait(false))
                {
                    connection.Shutdown();
                    running = await ProcessExit.WaitAsync(processIds, ExitTimeout, cancellationToken).ConfigureAwait(false);
                }

                if (running.Count > 0)
                {
                    throw new CliException(ExitCodes.Failure,
                        $"The {adminBase.Name} system on port {port} was shut down, but process(es) {string.Join(", ", running)} " +
                        $"still run {ExitTimeout.TotalSeconds:0} s later; see the admin's log ({LogFile(port)}).");
                }

                await Verb.WriteLineAsync(output, $"{adminBase.Name} admin on port {port} (pid {adminProcessId}) stopped.")
                          .ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static string StillRunning(IEnumerable<int> processIds)
    {
        var running = processIds.Where(Thespian.Multiproc.ProcessLiveness.IsAlive).ToList();
        return running.Count == 0
            ? "the system to shut down"
            : $"{running.Count} process(es) of the system to exit: {string.Join(", ", running)}";
    }

    private static string LogFile(int port) => Thespian.Multiproc.AdminLauncher.LogFileFor(port, null) ?? "none";
}
