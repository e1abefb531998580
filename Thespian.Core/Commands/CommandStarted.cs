namespace Thespian;

/// <summary>
/// Sent to a command's sender once its process runs, when the command asked for it (<see cref="CommandRequest.ReportOnStart"/>).
/// Python name: <c>thespian.runcommand.CommandStarted</c>.
/// </summary>
public sealed class CommandStarted
{
    /// <summary>Creates the notice (the <see cref="RunCommand"/> actor does).</summary>
    /// <param name="command">The command.</param>
    /// <param name="processId">Its process's id.</param>
    public CommandStarted(CommandRequest command, int processId)
    {
        Command = command;
        ProcessId = processId;
    }

    /// <summary>The command. Python: <c>command</c>.</summary>
    public CommandRequest Command { get; }

    /// <summary>Its process's id. Python: <c>pid</c>.</summary>
    public int ProcessId { get; }
}
