using System.CommandLine;

namespace Thespian.Admin.Cli;

/// <summary><c>thespian-admin unload HASH</c>: unloads an actor source from the system.</summary>
internal static class UnloadCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var target = new TargetOptions();
        var hash = new Argument<string>("hash")
        {
            Description = "The source hash that 'load' printed (64 hex digits).",
            HelpName = "HASH",
        };
        hash.Validators.Add(result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (text.Length != 64 || !text.All(char.IsAsciiHexDigit))
            {
                result.AddError($"HASH must be the 64 hex digits that 'thespian-admin load' printed; got '{text}'.");
            }
        });
        var command = new Command("unload",
            "Unloads an actor source (UnloadActorSource): no new actors can be created from it. An unknown hash is ignored.");
        target.AddTo(command);
        command.Arguments.Add(hash);
        Verb.SetBody(command, async (parseResult, output, cancellationToken) =>
        {
            var sourceHash = Convert.ToHexStringLower(Convert.FromHexString(parseResult.GetRequiredValue(hash)));
            var (adminBase, port) = target.Read(parseResult);
            var connection = await AdminConnection.OpenAsync(adminBase, port, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var status = await connection.StatusAsync(cancellationToken).ConfigureAwait(false);
                var wasLoaded = status.LoadedSources.Contains(sourceHash, StringComparer.Ordinal);
                connection.UnloadSource(sourceHash);
                await Verb.WriteLineAsync(output, wasLoaded
                    ? $"Unloaded source {sourceHash}."
                    : $"No loaded source has the hash {sourceHash}; nothing to unload.").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        });
        return command;
    }
}
