using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Thespian.Commands;

namespace Thespian;

/// <summary>
/// An actor that runs commands on its host and reports how they ended: send it a <see cref="CommandRequest"/>, and the
/// sender gets a <see cref="CommandResult"/> (exit code, standard output and error, duration) when the command has
/// finished. Commands run one at a time, in the order they arrive; the actor stays responsive meanwhile (a
/// <see cref="CommandAbort"/> stops the running one), on every base. A command can be given input, a timeout, output
/// limits, a watcher for its output lines, and its own logging. When the actor exits, the running command is killed and
/// the waiting ones are answered with <see cref="CommandResult.CancelledExitCode"/>. Python name:
/// <c>thespian.runcommand.RunCommand</c>.
/// </summary>
public sealed class RunCommand : Actor
{
    /// <summary>How many lines of each output stream the run's log shows (Python's HALF_NUM_LINES_LOGGED).</summary>
    private const int LoggedLines = 5;

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(50);
    private static readonly object PollMarker = new();

    private readonly Queue<(CommandRequest Command, ActorAddress Requester)> _waiting = new();
    private CommandRun? _running;
    private TimeSpan _pollDelay = FirstPoll;
    private bool _pollArmed;

    /// <inheritdoc />
    public override void ReceiveMessage(object message, ActorAddress sender)
    {
        switch (message)
        {
            case CommandRequest command:
                _waiting.Enqueue((command, sender));
                if (_running is null)
                {
                    StartNext();
                }

                break;
            case CommandAbort:
                _running?.Stop(Stopwatch.GetTimestamp());
                Poll();
                break;
            case WakeupMessage { Payload: var payload } when ReferenceEquals(payload, PollMarker):
                _pollArmed = false;
                Poll();
                break;
            case ActorExitRequest:
                CancelAll();
                break;
        }
    }

    /// <summary>Starts the next waiting command (reporting at once those that cannot start).</summary>
    private void StartNext()
    {
        while (_running is null && _waiting.TryDequeue(out var next))
        {
            var (command, requester) = next;
            LogInformation(command, $"{Tag(command)} CMD: {Redact(command, command.ToString())}");
            _running = CommandRun.TryStart(command, requester, out var failure);
            if (_running is null)
            {
                var why = $"The command '{command.Executable}' could not be started: {failure!.Message}";
                Report(new CommandResult(command, failure.NativeErrorCode, "", why + "\n", duration: null), requester);
                continue;
            }

            if (command.ReportOnStart)
            {
                Send(requester, new CommandStarted(command, _running.ProcessId));
            }

            _pollDelay = FirstPoll;
            ArmPoll();
        }
    }

    /// <summary>
    /// Looks at the running command: hands its new output lines to the watcher, stops it when its time is up, and
    /// reports it once it has finished; else looks again a little later (sooner at first, as most commands are quick).
    /// </summary>
    private void Poll()
    {
        if (_running is not { } run)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var finished = run.IsFinished(now);
        SendLines(run, includePartial: finished);
        if (finished)
        {
            Finish(run);
            StartNext();
            return;
        }

        if (now >= run.Deadline)
        {
            run.Stop(now);
        }

        run.KillIfDue(now);
        _pollDelay = TimeSpan.FromTicks(Math.Min(_pollDelay.Ticks * 2, LongestPoll.Ticks));
        ArmPoll();
    }

    private void ArmPoll()
    {
        if (!_pollArmed)
        {
            _pollArmed = true;
            WakeupAfter(_pollDelay, PollMarker);
        }
    }

    private void SendLines(CommandRun run, bool includePartial)
    {
        if (run.Command.OutputUpdates is not { } watcher)
        {
            return;
        }

        foreach (var line in run.Output.TakeLines(includePartial))
        {
            Send(watcher, new CommandOutput(run.Command, line));
        }

        foreach (var line in run.Error.TakeLines(includePartial))
        {
            Send(watcher, new CommandErrorOutput(run.Command, line));
        }
    }

    private void Finish(CommandRun run)
    {
        _running = null;
        var (output, outputDropped) = run.Output.Kept();
        var (error, errorDropped) = run.Error.Kept();
        var result = new CommandResult(run.Command, run.ExitCode, output, error, Stopwatch.GetElapsedTime(run.StartedAt),
                                       outputDropped, errorDropped);
        run.Dispose();
        Report(result, run.Requester);
    }

    /// <summary>The actor is exiting: the waiting commands never run, and the running one is killed and reported.</summary>
    private void CancelAll()
    {
        while (_waiting.TryDequeue(out var waiting))
        {
            Send(waiting.Requester, new CommandResult(waiting.Command, CommandResult.CancelledExitCode, "", "", duration: null));
        }

        if (_running is { } run)
        {
            run.Stop(Stopwatch.GetTimestamp());
            run.WaitForExit(TimeSpan.FromMilliseconds(100));
            run.KillNow();
            run.WaitForExit(TimeSpan.FromMilliseconds(500));
            _ = run.IsFinished(Stopwatch.GetTimestamp());
            SendLines(run, includePartial: true);
            Finish(run);
        }
    }

    private void Report(CommandResult result, ActorAddress requester)
    {
        LogResult(result);
        Send(requester, result);
    }

    /// <summary>Python's record of a finished run: the first lines of its output and error, then how it ended.</summary>
    private void LogResult(CommandResult result)
    {
        var command = result.Command;
        var tag = Tag(command);
        foreach (var line in FirstLines(result.StandardOutput))
        {
            LogInformation(command, $"{tag} OUT| {Redact(command, line)}");
        }

        foreach (var line in FirstLines(result.StandardError))
        {
            LogFailure(command, $"{tag} ERR> {Redact(command, line)}");
        }

        if (result.Succeeded)
        {
            LogInformation(command, $"{tag} completed successfully");
        }
        else
        {
            LogFailure(command, $"{tag} ERROR exit code: {result.ExitCode}");
        }
    }

    private static IEnumerable<string> FirstLines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(LoggedLines);

    private void LogInformation(CommandRequest command, string line) => Log(command, LogLevel.Information, line);

    /// <summary>A failure is logged as an error, or as information when the request says errors are expected.</summary>
    private void LogFailure(CommandRequest command, string line) =>
        Log(command, command.ErrorOk ? LogLevel.Information : LogLevel.Error, line);

    /// <summary>Logs to the request's <c>LogTo</c> actor when it names one, else to this actor's logger; nothing unless asked.</summary>
    private void Log(CommandRequest command, LogLevel level, string line)
    {
        if (!command.Log)
        {
            return;
        }

        if (command.LogTo is { } logTo)
        {
            Send(logTo, new CommandLog(level.ToString(), line));
        }
        else if (level == LogLevel.Error)
        {
            Logger.CommandError(line);
        }
        else
        {
            Logger.CommandInformation(line);
        }
    }

    private static string Tag(CommandRequest command) => command.LogTag ?? command.Executable;

    private static string Redact(CommandRequest command, string text) =>
        string.IsNullOrEmpty(command.OmitString) ? text : text.Replace(command.OmitString, "...", StringComparison.Ordinal);
}
