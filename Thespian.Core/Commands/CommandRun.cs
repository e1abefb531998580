using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Thespian.Commands;

/// <summary>
/// One command's process, running: it starts it with its standard streams redirected, feeds it its input and reads its
/// output on background tasks (so the <see cref="RunCommand"/> actor never blocks on it), and stops it with SIGTERM and
/// then SIGKILL when told to.
/// </summary>
internal sealed class CommandRun : IDisposable
{
    /// <summary>How long SIGTERM has before SIGKILL follows (Python's 2 s).</summary>
    public static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(2);

    /// <summary>How long output may still be read once the process has exited (a child it left may hold the pipes open).</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(1);

    private readonly Process _process;
    private readonly Task _readers;
    private long _exitSeenAt;
    private long _killAt;

    private CommandRun(CommandRequest command, ActorAddress requester, Process process, OutputCapture output, OutputCapture error)
    {
        Command = command;
        Requester = requester;
        _process = process;
        Output = output;
        Error = error;
        StartedAt = Stopwatch.GetTimestamp();
        Deadline = command.Timeout is { } timeout ? StartedAt + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        _readers = Task.WhenAll(Read(process.StandardOutput, output), Read(process.StandardError, error));
        _ = Feed(process.StandardInput, command.Input);
    }

    /// <summary>The command.</summary>
    public CommandRequest Command { get; }

    /// <summary>Who sent it (gets the result).</summary>
    public ActorAddress Requester { get; }

    /// <summary>Standard output.</summary>
    public OutputCapture Output { get; }

    /// <summary>Standard error.</summary>
    public OutputCapture Error { get; }

    /// <summary>When it started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long StartedAt { get; }

    /// <summary>When its time is up (a <see cref="Stopwatch"/> timestamp; never when it has no timeout).</summary>
    public long Deadline { get; }

    /// <summary>The process's id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last signal sent to it (0: none).</summary>
    public int SignalSent { get; private set; }

    /// <summary>
    /// Starts the command; null (with why in <paramref name="failure"/>) when its process cannot start, such as an
    /// executable that does not exist.
    /// </summary>
    public static CommandRun? TryStart(CommandRequest command, ActorAddress requester, out Win32Exception? failure)
    {
        var start = new ProcessStartInfo
        {
            FileName = command.UseShell ? "/bin/sh" : command.Executable,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        if (command.UseShell)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(string.Join(' ', [command.Executable, .. command.Arguments]));
        }
        else
        {
            foreach (var argument in command.Arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        if (command.Environment is { } environment)
        {
            start.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        var watched = command.OutputUpdates is not null;
        var process = new Process { StartInfo = start };
        try
        {
            _ = process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            failure = ex;
            return null;
        }

        failure = null;
        return new CommandRun(command, requester, process,
                              new OutputCapture(command.MaxBufferSize, watched), new OutputCapture(command.MaxBufferSize, watched));
    }

    /// <summary>
    /// Whether the run is over: the process has exited and its output has been read (or, when a process it left behind
    /// keeps the pipes open, a second has passed since it exited).
    /// </summary>
    public bool IsFinished(long now)
    {
        if (!_process.HasExited)
        {
            return false;
        }

        if (_exitSeenAt == 0)
        {
            _exitSeenAt = now;
        }

        return _readers.IsCompleted || Stopwatch.GetElapsedTime(_exitSeenAt, now) >= DrainLimit;
    }

    /// <summary>Waits (up to <paramref name="limit"/>) for the process to exit, for an actor that is exiting itself.</summary>
    public void WaitForExit(TimeSpan limit) => _ = _process.WaitForExit(limit);

    /// <summary>The exit code to report: minus the signal when this run stopped the process with one (as Python's).</summary>
    public int ExitCode
    {
        get
        {
            // .NET reports a process ended by signal N as 128 + N.
            var code = _process.ExitCode;
            return SignalSent != 0 && code is 128 + ProcessSignals.Terminate or 128 + ProcessSignals.Kill ? 128 - code : code;
        }
    }

    /// <summary>Stops the process: SIGTERM now (once), and SIGKILL when <see cref="KillIfDue"/> finds it still running <see cref="KillAfter"/> later.</summary>
    public void Stop(long now)
    {
        if (SignalSent != 0 || _process.HasExited)
        {
            return;
        }

        if (ProcessSignals.Send(_process, ProcessSignals.Terminate))
        {
            SignalSent = ProcessSignals.Terminate;
            _killAt = now + (long)(KillAfter.TotalSeconds * Stopwatch.Frequency);
        }
    }

    /// <summary>SIGKILL for a process that outlived its SIGTERM by <see cref="KillAfter"/>.</summary>
    public void KillIfDue(long now)
    {
        if (SignalSent == ProcessSignals.Terminate && now >= _killAt && !_process.HasExited &&
            ProcessSignals.Send(_process, ProcessSignals.Kill))
        {
            SignalSent = ProcessSignals.Kill;
        }
    }

    /// <summary>Kills the process at once (the actor is exiting).</summary>
    public void KillNow()
    {
        if (!_process.HasExited && ProcessSignals.Send(_process, ProcessSignals.Kill))
        {
            SignalSent = ProcessSignals.Kill;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    private static async Task Read(StreamReader reader, OutputCapture capture)
    {
        var buffer = new char[4096];
        try
        {
            int count;
            while ((count = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                capture.Append(buffer.AsSpan(0, count));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe broke or the run was disposed: what was read is kept.
        }
    }

    /// <summary>Writes the input and closes standard input (a command reading it then sees its end), off the actor's thread.</summary>
    private static async Task Feed(StreamWriter input, string? text)
    {
        try
        {
            if (text is not null)
            {
                await input.WriteAsync(text).ConfigureAwait(false);
                await input.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The command exited without reading it all (a broken pipe): as in Python, that is not an error.
        }
        finally
        {
            try
            {
                input.Close();
            }
            catch (IOException)
            {
                // Already broken.
            }
        }
    }
}
