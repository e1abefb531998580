using Microsoft.Extensions.Logging;

#pragma warning disable CA1873 // Test actors log a handful of records; argument cost is irrelevant.

namespace Thespian.Tests.Behaviour;

/// <summary>
/// Actor logging through the application's <see cref="ILoggerFactory"/>, on every base: on the multiproc bases an actor
/// logs in a process of its own, and its records reach the application through the admin (the application registers as
/// a log sink), a moment after the actor's reply; there the named values arrive as text.
/// </summary>
[NonParallelizable]
[TestFixtureSource(typeof(TestBases), nameof(TestBases.All))]
public sealed class LoggerTests(string systemBase)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>"info"/"debug"/"warning": logs "logged {Word}" at that level and answers its address.</summary>
    private sealed class Chatterbox : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "info":
                    Logger.LogInformation("logged {Word}", "info");
                    Send(sender, MyAddress);
                    break;
                case "debug":
                    Logger.LogDebug("logged {Word}", "debug");
                    Send(sender, MyAddress);
                    break;
                case "warning":
                    Logger.LogWarning("logged {Word}", "warning");
                    Send(sender, MyAddress);
                    break;
                case "pid":
                    Logger.LogInformation("logged in my process");
                    Send(sender, Environment.ProcessId);
                    break;
            }
        }
    }

    private CapturingLoggerFactory _capture = null!;
    private ActorSystem _system = null!;
    private IReadOnlyList<int> _processes = [];

    private void Start(LogLevel minimumLevel = LogLevel.Information) =>
        Start(new LogDefs { LoggerFactory = _capture = new CapturingLoggerFactory(), MinimumLevel = minimumLevel });

    private void Start(LogDefs logDefs)
    {
        _system = new ActorSystem(systemBase, MultiprocSupport.WithFreeAdminPort(systemBase, null), logDefs, transientUnique: true);
        _processes = MultiprocSupport.ProcessesOf(_system);
    }

    [TearDown]
    public void StopSystem()
    {
        if (_system is null)
        {
            return;
        }

        var processes = _processes.Concat(MultiprocSupport.ProcessesOf(_system)).ToList();
        _system.Shutdown();
        _system.Dispose();
        _capture?.Dispose();
        MultiprocSupport.AssertAllExited(processes);
    }

    /// <summary>The records with this text, once <paramref name="count"/> of them have arrived (or the patience is spent).</summary>
    private IReadOnlyList<CapturedLogRecord> Logged(string text, int count = 1)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (_capture.WithMessage(text).Count < count && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        return _capture.WithMessage(text);
    }

    /// <summary>A record that must not arrive: on multiproc bases, a record logged after it is awaited first.</summary>
    private IReadOnlyList<CapturedLogRecord> NotLogged(string text, string loggedAfter)
    {
        _ = Logged(loggedAfter);
        return _capture.WithMessage(text);
    }

    private ActorAddress Log(string level)
    {
        var actor = _system.CreateActor<Chatterbox>();
        var answer = _system.Ask(actor, level, Patience);
        Assert.That(answer, Is.EqualTo(actor));
        return actor;
    }

    [Test]
    public void Logger_ActorLogs_RecordReachesTheApplicationsLoggerFactory()
    {
        Start();

        _ = Log("info");

        Assert.That(Logged("logged info"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Logger_ActorLogs_RecordCarriesActorAddressProperty()
    {
        Start();

        var actor = Log("info");

        Assert.That(Logged("logged info").Single().Properties["ActorAddress"]?.ToString(), Is.EqualTo(actor.ToString()));
    }

    [Test]
    public void Logger_ActorLogs_KeepsTheMessagesOwnProperties()
    {
        Start();

        _ = Log("info");

        Assert.That(Logged("logged info").Single().Properties, Does.ContainKey("Word").WithValue("info"));
    }

    [Test]
    public void Logger_ActorLogs_LevelIsKept()
    {
        Start();

        _ = Log("warning");

        Assert.That(Logged("logged warning").Single().Level, Is.EqualTo(LogLevel.Warning));
    }

    [Test]
    public void Logger_TwoActors_EachRecordCarriesItsOwnAddress()
    {
        Start();

        var first = Log("info");
        var second = Log("info");

        Assert.That(Logged("logged info", count: 2).Select(r => r.Properties["ActorAddress"]?.ToString()),
                    Is.EqualTo(new[] { first.ToString(), second.ToString() }));
    }

    [Test]
    public void Logger_BelowMinimumLevel_IsNotPassedToTheLoggerFactory()
    {
        Start(minimumLevel: LogLevel.Warning);

        _ = Log("info");
        _ = Log("warning");

        Assert.Multiple(() =>
        {
            Assert.That(NotLogged("logged info", loggedAfter: "logged warning"), Is.Empty, "Information is below the minimum level Warning");
            Assert.That(_capture.WithMessage("logged warning"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Logger_DefaultMinimumLevel_DebugIsNotPassedToTheLoggerFactory()
    {
        Start();

        var actor = Log("debug");
        Assert.That(_system.Ask(actor, "info", Patience), Is.EqualTo(actor));

        Assert.That(NotLogged("logged debug", loggedAfter: "logged info"), Is.Empty, "Debug is below the default minimum level Information");
    }

    [Test]
    public void Logger_ActorInItsOwnProcess_RecordNamesThatProcess()
    {
        Assume.That(systemBase, Is.Not.EqualTo(SystemBaseNames.Simple), "on the simple base records are not forwarded");
        Start();
        var actor = _system.CreateActor<Chatterbox>();

        var actorProcess = _system.Ask(actor, "pid", Patience);

        Assert.That(actorProcess, Is.Not.Null.And.Not.EqualTo(Environment.ProcessId));
        Assert.That(Logged("logged in my process").Single().Properties["ThespianProcessId"], Is.EqualTo(actorProcess));
    }

    [Test]
    public void Logger_LogDefsDisabled_ActorCanStillLog()
    {
        Start(LogDefs.Disabled);

        var actor = Log("warning");

        Assert.That(_system.Ask(actor, "info", Patience), Is.EqualTo(actor));
    }
}
