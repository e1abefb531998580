using System.CommandLine;

namespace Thespian.Admin.Cli;

/// <summary><c>thespian-admin load ZIP</c>: loads an actor source into the system and prints its hash.</summary>
internal static class LoadCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var target = new TargetOptions();
        var zip = new Argument<string>("zip")
        {
            Description = "The zip of actor assemblies to load.",
            HelpName = "ZIP",
        };
        var command = new Command("load",
            "Loads a zip of actor assemblies into the system (LoadActorSource) and prints its source hash (SHA-256, hex). " +
            "The source is usable once the system's source authority has validated it.");
        target.AddTo(command);
        command.Arguments.Add(zip);
        Verb.SetBody(command, async (parseResult, output, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(zip);
            var bytes = await InputFiles.ReadZipAsync(path, "the actor source zip", cancellationToken).ConfigureAwait(false);
            var (adminBase, port) = target.Read(parseResult);
            var connection = await AdminConnection.OpenAsync(adminBase, port, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var hash = connection.LoadSource(bytes);
                await Verb.WriteLineAsync(output, hash).ConfigureAwait(false);
                var status = await connection.StatusAsync(cancellationToken).ConfigureAwait(false);
                if (status.SourceAuthority is null)
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                        "thespian-admin: note: the system has no source authority, so it did not keep this source; " +
                        "register one (RegisterSourceAuthority) and load it again.").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
        });
        return command;
    }
}
