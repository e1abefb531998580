namespace Thespian;

/// <summary>
/// How a <see cref="CommandRequest"/> ended, sent by the <see cref="RunCommand"/> actor to the command's sender.
/// Python name: <c>thespian.runcommand.CommandResult</c> (whose truthiness is <see cref="Succeeded"/>).
/// </summary>
public sealed class CommandResult
{
    /// <summary>Exit code of a command that was still waiting its turn when its <see cref="RunCommand"/> actor exited (Python's -3).</summary>
    public const int CancelledExitCode = -3;

    /// <summary>Creates the result (the <see cref="RunCommand"/> actor does).</summary>
    /// <param name="command">The command.</param>
    /// <param name="exitCode">Its exit code (see <see cref="ExitCode"/>).</param>
    /// <param name="standardOutput">What it wrote to standard output (at most the command's MaxBufferSize characters).</param>
    /// <param name="standardError">What it wrote to standard error (likewise).</param>
    /// <param name="duration">How long it ran; null when it never started.</param>
    /// <param name="standardOutputDropped">Characters of standard output dropped from the middle.</param>
    /// <param name="standardErrorDropped">Characters of standard error dropped from the middle.</param>
    public CommandResult(CommandRequest command, int exitCode, string standardOutput, string standardError, TimeSpan? duration,
                         long standardOutputDropped = 0, long standardErrorDropped = 0)
    {
        Command = command;
        ExitCode = exitCode;
        StandardOutput = standardOutput;
        StandardError = standardError;
        Duration = duration;
        StandardOutputDropped = standardOutputDropped;
        StandardErrorDropped = standardErrorDropped;
    }

    /// <summary>The command that was run. Python: <c>command</c>.</summary>
    public CommandRequest Command { get; }

    /// <summary>
    /// The exit code: the process's own; minus the signal's number when <see cref="RunCommand"/> stopped it (-15 after
    /// SIGTERM on a timeout or <see cref="CommandAbort"/>, -9 after SIGKILL); the operating system's error number when it
    /// could not start (2: no such file); <see cref="CancelledExitCode"/> when it never ran. Python: <c>exitcode</c>.
    /// </summary>
    public int ExitCode { get; }

    /// <summary>Standard output; beyond MaxBufferSize, its beginning and its end (see <see cref="StandardOutputDropped"/>). Python: <c>stdout</c>.</summary>
    public string StandardOutput { get; }

    /// <summary>Standard error, or why the command could not start; kept like <see cref="StandardOutput"/>. Python: <c>stderr</c>.</summary>
    public string StandardError { get; }

    /// <summary>How long the command ran, or null when it never started. Python: <c>duration</c>.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>Characters dropped from the middle of <see cref="StandardOutput"/> (0 when it is whole). Python: <c>stdout</c> as a (head, tail) tuple.</summary>
    public long StandardOutputDropped { get; }

    /// <summary>Characters dropped from the middle of <see cref="StandardError"/> (0 when it is whole).</summary>
    public long StandardErrorDropped { get; }

    /// <summary>Whether the command succeeded (exit code 0). Python: the result's truthiness.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Standard error, or "FAILED" when the command failed without any. Python: <c>errorstr</c>.</summary>
    public string ErrorText => StandardError.Length > 0 ? StandardError : Succeeded ? "" : "FAILED";

    /// <summary>"CommandResult success", or "CommandResult FAILED Error #N" and standard error, as Python's.</summary>
    public override string ToString() =>
        Succeeded ? "CommandResult success" : $"CommandResult FAILED Error #{ExitCode} {StandardError}".TrimEnd();
}
