namespace Thespian;

/// <summary>
/// A command for a <see cref="RunCommand"/> actor to run on its host: the executable, its arguments, and how to run it.
/// The actor answers the sender with a <see cref="CommandResult"/> when the command has finished (commands sent while
/// one runs wait their turn). Python name: <c>thespian.runcommand.Command</c>.
/// </summary>
/// <example><code>
/// var runner = system.CreateActor&lt;RunCommand&gt;();
/// var result = (CommandResult)system.Ask(runner, new CommandRequest("git", "status", "--short"), TimeSpan.FromSeconds(30))!;
/// </code></example>
public sealed record CommandRequest
{
    /// <summary>Python's default <c>max_bufsize</c>: 1 MiB of characters kept per output stream.</summary>
    public const int DefaultMaxBufferSize = 1024 * 1024;

    /// <summary>Creates the command.</summary>
    /// <param name="executable">An absolute path, or a name found on the PATH.</param>
    /// <param name="arguments">The arguments, each passed as one argument (no shell quoting is needed).</param>
    public CommandRequest(string executable, params string[] arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        ArgumentNullException.ThrowIfNull(arguments);
        Executable = executable;
        Arguments = [.. arguments];
    }

    /// <summary>The executable: an absolute path, or a name found on the PATH. Python: <c>exe</c>.</summary>
    public string Executable { get; }

    /// <summary>The arguments. Python: <c>args</c>.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// Runs <c>/bin/sh -c "Executable Arguments…"</c> (joined with spaces, as written) instead of the executable itself.
    /// Normally not recommended. Python: <c>use_shell</c>.
    /// </summary>
    public bool UseShell { get; init; }

    /// <summary>Text replaced by "..." wherever the command's log records would show it (a password, say). Python: <c>omit_string</c>.</summary>
    public string? OmitString { get; init; }

    /// <summary>When true, a failure is logged as information instead of an error. Python: <c>error_ok</c>.</summary>
    public bool ErrorOk { get; init; }

    /// <summary>Whether the run is logged at all (default true). Python: <c>logger=False</c> turns it off.</summary>
    public bool Log { get; init; } = true;

    /// <summary>
    /// An actor that receives the run's log records as <see cref="CommandLog"/> messages, instead of the
    /// <see cref="RunCommand"/> actor's own logger. Python: <c>logger</c> given an address.
    /// </summary>
    public ActorAddress? LogTo { get; init; }

    /// <summary>The prefix of the run's log records (default: the executable). Python: <c>logtag</c>.</summary>
    public string? LogTag { get; init; }

    /// <summary>Text written to the command's standard input, which is then closed; null for none. Python: <c>input_src</c>.</summary>
    public string? Input { get; init; }

    /// <summary>
    /// An actor that receives the output as it comes, line by line (each with its line end, so joined they equal the
    /// result's output): <see cref="CommandOutput"/> for standard output and <see cref="CommandErrorOutput"/> for
    /// standard error. Not limited by <see cref="MaxBufferSize"/>. Python: <c>output_updates</c>.
    /// </summary>
    public ActorAddress? OutputUpdates { get; init; }

    /// <summary>
    /// The most characters of each output stream kept for the result (0: no limit). Beyond it the middle is dropped: the
    /// result keeps the first half and the end. Python: <c>max_bufsize</c>.
    /// </summary>
    public int MaxBufferSize { get; init; } = DefaultMaxBufferSize;

    /// <summary>The whole environment of the command; null inherits the actor's. Python: <c>env</c>.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// The longest the command may run: then it gets SIGTERM, and SIGKILL 2 s later if it is still running (its exit
    /// code is then -15 or -9). Null for no limit. Python: <c>timeout</c>.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>When true, the sender also gets a <see cref="CommandStarted"/> once the process runs. Python: <c>report_on_start</c>.</summary>
    public bool ReportOnStart { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Join(' ', [Executable, .. Arguments]);
}
