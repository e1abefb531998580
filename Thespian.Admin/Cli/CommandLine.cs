using System.CommandLine;
using System.CommandLine.Invocation;

namespace Thespian.Admin.Cli;

/// <summary>
/// The thespian-admin command line: <c>start</c>, <c>status</c>, <c>stop</c>, <c>load</c> and <c>unload</c>
/// for the admin of a multiproc system on a port, and <c>sign</c> and <c>keygen</c> for signed sources.
/// Exit codes: see <see cref="ExitCodes"/>.
/// </summary>
internal static class CommandLine
{
    /// <summary>How long a verb may take to finish after Ctrl+C or SIGTERM (a foreground admin shuts its system down).</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(30);

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parseResult = Build().Parse(args);
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TerminationGrace,
        };
        if (parseResult.Action is ParseErrorAction)
        {
            await Verb.WriteErrorAsync(configuration.Error, ParseErrorLine(parseResult)).ConfigureAwait(false);
            return ExitCodes.BadArguments;
        }

        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>The root command and its verbs.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "Manages the admin of a Thespian for .NET multiproc actor system (multiprocTCPBase or multiprocUDPBase) on a port: start it, " +
            "print its status, stop the whole system, load and unload actor sources; and sign actor sources for a " +
            "SignedSourceAuthority (keygen, sign). Exit codes: 0 success, " +
            "1 nothing is listening on the port, 2 bad arguments, 3 any other failure.")
        {
            // The name in help and usage, whichever file runs it (Thespian.Admin.dll, the Thespian.Admin.Tool tool):
            // System.CommandLine would otherwise take the ToolCommandName of a tool's build, or the file name.
            HelpName = "thespian-admin",
        };
        root.Subcommands.Add(StartCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(StopCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(UnloadCommand.Create());
        root.Subcommands.Add(SignCommand.Create());
        root.Subcommands.Add(KeygenCommand.Create());
        return root;
    }

    private static string ParseErrorLine(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var help = command is RootCommand ? "thespian-admin --help" : $"thespian-admin {command.Name} --help";
        var message = parseResult.Errors.Count > 0 ? parseResult.Errors[0].Message : "The command line is not valid.";
        if (command is RootCommand)
        {
            var verbs = string.Join(", ", command.Subcommands.Select(c => c.Name));
            message = parseResult.UnmatchedTokens.Count > 0
                ? $"Unknown verb or option '{parseResult.UnmatchedTokens[0]}'; the verbs are {verbs}"
                : $"Name a verb: {verbs}";
        }

        return $"{message.TrimEnd().TrimEnd('.')}; see '{help}'.";
    }
}
