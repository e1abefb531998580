namespace Thespian;

/// <summary>
/// A line of a running command's standard output (with its line end; the last may have none), sent to the command's
/// <see cref="CommandRequest.OutputUpdates"/> actor as it comes. Python name: <c>thespian.runcommand.CommandOutput</c>.
/// </summary>
public sealed class CommandOutput
{
    /// <summary>Creates the message (the <see cref="RunCommand"/> actor does).</summary>
    /// <param name="command">The command.</param>
    /// <param name="output">The line.</param>
    public CommandOutput(CommandRequest command, string output)
    {
        Command = command;
        Output = output;
    }

    /// <summary>The command. Python: <c>command</c>.</summary>
    public CommandRequest Command { get; }

    /// <summary>The line. Python: <c>output</c>.</summary>
    public string Output { get; }
}
