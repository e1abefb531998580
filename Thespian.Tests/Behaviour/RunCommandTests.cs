namespace Thespian.Tests.Behaviour;

/// <summary>
/// The <see cref="RunCommand"/> actor (Python's thespian.runcommand, after its test_runcommand.py): commands run on the
/// actor's host, with input, timeouts, output limits, a watcher for output lines, aborts and logging.
/// </summary>
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class RunCommandTests(string systemBase) : BaseFixture(systemBase)
{
    private const string Shell = "/bin/sh";

    /// <summary>What a <see cref="Watcher"/> has seen so far: its standard output and error lines, joined.</summary>
    public sealed record Seen(string Output, string Error, int Lines);

    /// <summary>Collects CommandOutput and CommandErrorOutput lines; "seen?" answers a <see cref="Seen"/>.</summary>
    private sealed class Watcher : Actor
    {
        private readonly List<string> _output = [];
        private readonly List<string> _error = [];

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case CommandOutput output:
                    _output.Add(output.Output);
                    break;
                case CommandErrorOutput error:
                    _error.Add(error.ErrorOutput);
                    break;
                case "seen?":
                    Send(sender, new Seen(string.Concat(_output), string.Concat(_error), _output.Count + _error.Count));
                    break;
            }
        }
    }

    /// <summary>Collects CommandLog records; "logged?" answers them joined by newlines, each as "Level: text".</summary>
    private sealed class LogCollector : Actor
    {
        private readonly List<string> _records = [];

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case CommandLog log:
                    _records.Add($"{log.Level}: {log.Message}");
                    break;
                case "logged?":
                    Send(sender, string.Join('\n', _records));
                    break;
            }
        }
    }

    private static CommandRequest Sh(string script) => new(Shell, "-c", script);

    private CommandResult Run(CommandRequest command) => AskFor<CommandResult>(System.CreateActor<RunCommand>(), command);

    [Test]
    public void RunCommand_SimpleCommand_SucceedsWithItsOutput()
    {
        var result = Run(Sh("echo hello"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.True, result.ToString());
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(result.StandardOutput, Is.EqualTo("hello\n"));
            Assert.That(result.StandardError, Is.Empty);
            Assert.That(result.Duration, Is.Not.Null);
            Assert.That(result.ToString(), Is.EqualTo("CommandResult success"));
            Assert.That(result.Command.Arguments, Is.EqualTo(new[] { "-c", "echo hello" }));
        });
    }

    [Test]
    public void RunCommand_FailingCommand_ReportsItsExitCodeAndError()
    {
        var result = Run(Sh("echo oops >&2; exit 3"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.ExitCode, Is.EqualTo(3));
            Assert.That(result.StandardError, Is.EqualTo("oops\n"));
            Assert.That(result.ErrorText, Is.EqualTo("oops\n"));
            Assert.That(result.ToString(), Does.StartWith("CommandResult FAILED Error #3"));
        });
    }

    [Test]
    public void RunCommand_NonExistentExecutable_FailsWithAClearError()
    {
        var result = Run(new CommandRequest("/no/such/program", "-c", "print('hello')") { LogTag = "hi" });

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.ExitCode, Is.EqualTo(2), "ENOENT, as Python's errno");
            Assert.That(result.StandardError, Does.Contain("'/no/such/program' could not be started"));
            Assert.That(result.ToString(), Does.Contain("FAILED"));
            Assert.That(result.Duration, Is.Null);
        });
    }

    [Test]
    public void RunCommand_ReportOnStart_SendsCommandStartedThenTheResult()
    {
        var runner = System.CreateActor<RunCommand>();

        var started = AskFor<CommandStarted>(runner, Sh("echo hello; sleep 0.5; echo world") with { LogTag = "hi", ReportOnStart = true });
        var result = ListenFor<CommandResult>();

        Assert.Multiple(() =>
        {
            Assert.That(started.ProcessId, Is.GreaterThanOrEqualTo(1));
            Assert.That(started.Command.LogTag, Is.EqualTo("hi"));
            Assert.That(result.Succeeded, Is.True, result.ToString());
            Assert.That(result.StandardOutput, Is.EqualTo("hello\nworld\n"));
        });
    }

    [Test]
    public void RunCommand_Timeout_StopsTheCommandWithSigterm()
    {
        var result = Run(Sh("echo hello; exec sleep 30") with { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.ExitCode, Is.EqualTo(-15));
            Assert.That(result.StandardOutput, Is.EqualTo("hello\n"));
        });
    }

    [Test]
    public void RunCommand_CommandWantsInputNoneGiven_SeesTheEndOfInput()
    {
        var result = Run(Sh("echo hello; printf 'Who are you? '; read r; echo; echo \"hello $r\""));

        Assert.That(result.StandardOutput, Is.EqualTo("hello\nWho are you? \nhello \n"));
    }

    [Test]
    public void RunCommand_InputGiven_TheCommandReadsIt()
    {
        var result = Run(Sh("echo hello; printf 'Who are you? '; read r; echo; echo \"hello $r\"") with { Input = "Harry\n" });

        Assert.That(result.StandardOutput, Is.EqualTo("hello\nWho are you? \nhello Harry\n"));
    }

    [Test]
    public void RunCommand_OutputUpdates_WatcherGetsTheSameOutputLineByLine()
    {
        var watcher = System.CreateActor<Watcher>();

        var result = Run(Sh("echo howdy; sleep 0.2; printf 'Who are you?'; read r; echo; echo hello $r; echo all done >&2") with
        {
            Input = "Harry\n",
            OutputUpdates = watcher,
        });

        Assert.That(result.StandardOutput, Is.EqualTo("howdy\nWho are you?\nhello Harry\n"));
        Assert.That(result.StandardError, Is.EqualTo("all done\n"));
        Eventually(() => System.Ask(watcher, "seen?", Patience) is Seen { Lines: 4 } seen &&
                         seen.Output == result.StandardOutput && seen.Error == result.StandardError,
                   "the watcher has every line of the output and the error");
    }

    [Test]
    public void CommandAbort_WhileACommandRuns_StopsItWithSigterm()
    {
        var runner = System.CreateActor<RunCommand>();
        Assert.That(System.Ask(runner, Sh("echo hello; exec sleep 60") with { LogTag = "hi" }, Brief), Is.Null);

        var result = AskFor<CommandResult>(runner, new CommandAbort());

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(-15));
            Assert.That(result.StandardOutput, Is.EqualTo("hello\n"));
            Assert.That(result.StandardError, Is.Empty);
        });
    }

    [Test]
    public void CommandAbort_NothingRunning_IsIgnored()
    {
        var runner = System.CreateActor<RunCommand>();
        System.Tell(runner, new CommandAbort());

        Assert.That(AskFor<CommandResult>(runner, Sh("echo still here")).StandardOutput, Is.EqualTo("still here\n"));
    }

    [Test]
    public void RunCommand_SeveralCommands_RunOneAtATimeInOrder()
    {
        var runner = System.CreateActor<RunCommand>();

        System.Tell(runner, Sh("sleep 0.3; echo first"));
        System.Tell(runner, Sh("echo second"));

        Assert.That(Collect(2).Cast<CommandResult>().Select(r => r.StandardOutput), Is.EqualTo(new[] { "first\n", "second\n" }));
    }

    [Test]
    public void RunCommand_ActorExitsWhileCommandsRunAndWait_RunningIsKilledWaitingIsCancelled()
    {
        var runner = System.CreateActor<RunCommand>();
        System.Tell(runner, Sh("echo started; exec sleep 60"));
        System.Tell(runner, Sh("echo never"));

        System.Tell(runner, new ActorExitRequest());

        var results = Collect(2).Cast<CommandResult>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.ExitCode), Does.Contain(CommandResult.CancelledExitCode));
            Assert.That(results.Single(r => r.Command.Arguments[1] == "echo never").ExitCode, Is.EqualTo(CommandResult.CancelledExitCode));
            Assert.That(results.Single(r => r.Command.Arguments[1] != "echo never").ExitCode, Is.AnyOf(-15, -9));
        });
    }

    [Test]
    public void RunCommand_OutputBeyondMaxBufferSize_KeepsItsBeginningAndEnd()
    {
        var result = Run(Sh("printf '%s' 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") with { MaxBufferSize = 20 });

        Assert.Multiple(() =>
        {
            Assert.That(result.StandardOutput, Is.EqualTo("0123456789QRSTUVWXYZ"));
            Assert.That(result.StandardOutputDropped, Is.EqualTo(42));
        });
    }

    [Test]
    public void RunCommand_Environment_IsTheWholeEnvironmentOfTheCommand()
    {
        var result = Run(Sh("echo \"$GREETING/${HOME:-no home}\"") with
        {
            Environment = new Dictionary<string, string> { ["GREETING"] = "hi" },
        });

        Assert.That(result.StandardOutput, Is.EqualTo("hi/no home\n"));
    }

    [Test]
    public void RunCommand_UseShell_RunsTheLineWithTheShell()
    {
        var result = Run(new CommandRequest("echo", "one", "&&", "echo", "two") { UseShell = true });

        Assert.That(result.StandardOutput, Is.EqualTo("one\ntwo\n"));
    }

    [Test]
    public void RunCommand_LogTo_GetsTheRunsRecordsWithTheOmittedTextHidden()
    {
        var log = System.CreateActor<LogCollector>();

        var result = Run(Sh("echo secret-token; exit 1") with { LogTo = log, LogTag = "tagged", OmitString = "secret" });

        Assert.That(result.ExitCode, Is.EqualTo(1));
        string? logged = null;
        Eventually(() => (logged = System.Ask(log, "logged?", Patience) as string) is { } text && text.Contains("ERROR exit code: 1"),
                   "the log records reach the collector");
        Assert.Multiple(() =>
        {
            Assert.That(logged, Does.Contain("Information: tagged CMD: /bin/sh -c echo ...-token; exit 1"));
            Assert.That(logged, Does.Contain("Information: tagged OUT| ...-token"));
            Assert.That(logged, Does.Contain("Error: tagged ERROR exit code: 1"));
            Assert.That(logged, Does.Not.Contain("secret"));
        });
    }

    [Test]
    public void RunCommand_LogFalse_LogsNothing()
    {
        var log = System.CreateActor<LogCollector>();

        _ = Run(Sh("echo quiet") with { LogTo = log, Log = false });

        Assert.That(System.Ask(log, "logged?", Patience), Is.EqualTo(""));
    }
}
