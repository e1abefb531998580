namespace Thespian;

/// <summary>
/// A line of a running command's standard error (with its line end; the last may have none), sent to the command's
/// <see cref="CommandRequest.OutputUpdates"/> actor as it comes. Python name: <c>thespian.runcommand.CommandError</c>.
/// </summary>
public sealed class CommandErrorOutput
{
    /// <summary>Creates the message (the <see cref="RunCommand"/> actor does).</summary>
    /// <param name="command">The command.</param>
    /// <param name="errorOutput">The line.</param>
    public CommandErrorOutput(CommandRequest command, string errorOutput)
    {
        Command = command;
        ErrorOutput = errorOutput;
    }

    /// <summary>The command. Python: <c>command</c>.</summary>
    public CommandRequest Command { get; }

    /// <summary>The line. Python: <c>error_output</c>.</summary>
    public string ErrorOutput { get; }
}
