namespace Thespian;

/// <summary>
/// A log record of a command's run, sent to the command's <see cref="CommandRequest.LogTo"/> actor instead of being
/// logged. Python name: <c>thespian.runcommand.CommandLog</c>.
/// </summary>
public sealed class CommandLog
{
    /// <summary>Creates the record (the <see cref="RunCommand"/> actor does).</summary>
    /// <param name="level">"Information" or "Error" (names of <c>Microsoft.Extensions.Logging.LogLevel</c>).</param>
    /// <param name="message">The text.</param>
    public CommandLog(string level, string message)
    {
        Level = level;
        Message = message;
    }

    /// <summary>"Information" or "Error": a <c>LogLevel</c> name (<c>Enum.Parse&lt;LogLevel&gt;(Level)</c>). Python: <c>level</c> ("info", "error").</summary>
    public string Level { get; }

    /// <summary>The text. Python: <c>message</c>.</summary>
    public string Message { get; }
}
