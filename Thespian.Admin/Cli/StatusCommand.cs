using System.CommandLine;

namespace Thespian.Admin.Cli;

/// <summary><c>thespian-admin status</c>: prints the status of the system whose admin listens on the port.</summary>
internal static class StatusCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var target = new TargetOptions();
        var command = new Command("status",
            "Prints the status of the system whose admin listens on the port: its admin and host processes, actor count, " +
            "global names, dead-letter handlers, source authority, loaded sources, its convention (leader, members, their " +
            "capabilities, when each was last heard from) and capabilities.");
        target.AddTo(command);
        var json = new Option<bool>("--json")
        {
            Description = "Print the status as one JSON object (numbers, booleans and lists as JSON values, addresses as text).",
        };
        command.Options.Add(json);
        Verb.SetBody(command, async (parseResult, output, cancellationToken) =>
        {
            var (adminBase, port) = target.Read(parseResult);
            var connection = await AdminConnection.OpenAsync(adminBase, port, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var status = await connection.StatusAsync(cancellationToken).ConfigureAwait(false);
                var report = parseResult.GetValue(json)
                    ? StatusJson.Format(adminBase.Name, port, connection.AdminProcessId, connection.HostProcessIds(), status,
                                        connection.ConventionSystems())
                    : StatusReport.Format(adminBase.Name, port, connection.AdminProcessId, connection.HostProcessIds(), status,
                                          connection.ConventionSystems());
                await output.WriteAsync(report).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }
}
