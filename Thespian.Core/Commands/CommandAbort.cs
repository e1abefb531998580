namespace Thespian;

/// <summary>
/// Sent to a <see cref="RunCommand"/> actor to stop the command it is running: SIGTERM, then SIGKILL 2 s later if it
/// still runs. Nothing answers it; the command's sender gets its <see cref="CommandResult"/> (exit code -15, or -9) as
/// usual. Does nothing when no command runs. Python name: <c>thespian.runcommand.CommandAbort</c>.
/// </summary>
public sealed class CommandAbort
{
}
