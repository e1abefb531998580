using Microsoft.Extensions.Logging;

#pragma warning disable CA1873 // Test actors log a handful of records; argument cost is irrelevant.

namespace Thespian.Tests.Behaviour;

/// <summary>
/// Actor logging through the application's <see cref="ILoggerFactory"/>. The capture is an in-process object,
/// so these run on the simple base only.
/// </summary>
[NonParallelizable]
public sealed class LoggerTests
{
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
            }
        }
    }

    private CapturingLoggerFactory _capture = null!;
    private ActorSystem _system = null!;

    private void Start(LogLevel minimumLevel = LogLevel.Information)
    {
        _capture = new CapturingLoggerFactory();
        _system = new ActorSystem(SystemBaseNames.Simple,
                                  logDefs: new LogDefs { LoggerFactory = _capture, MinimumLevel = minimumLevel },
                                  transientUnique: true);
    }

    [TearDown]
    public void StopSystem()
    {
        _system?.Shutdown();
        _system?.Dispose();
        _capture?.Dispose();
    }

    private ActorAddress Log(string level)
    {
        var actor = _system.CreateActor<Chatterbox>();
        var answer = _system.Ask(actor, level, TimeSpan.FromSeconds(10));
        Assert.That(answer, Is.EqualTo(actor));
        return actor;
    }

    [Test]
    public void Logger_ActorLogs_RecordReachesTheApplicationsLoggerFactory()
    {
        Start();

        _ = Log("info");

        Assert.That(_capture.WithMessage("logged info"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Logger_ActorLogs_RecordCarriesActorAddressProperty()
    {
        Start();

        var actor = Log("info");

        Assert.That(_capture.WithMessage("logged info").Single().Properties,
                    Does.ContainKey("ActorAddress").WithValue(actor));
    }

    [Test]
    public void Logger_ActorLogs_KeepsTheMessagesOwnProperties()
    {
        Start();

        _ = Log("info");

        Assert.That(_capture.WithMessage("logged info").Single().Properties, Does.ContainKey("Word").WithValue("info"));
    }

    [Test]
    public void Logger_ActorLogs_LevelIsKept()
    {
        Start();

        _ = Log("warning");

        Assert.That(_capture.WithMessage("logged warning").Single().Level, Is.EqualTo(LogLevel.Warning));
    }

    [Test]
    public void Logger_TwoActors_EachRecordCarriesItsOwnAddress()
    {
        Start();

        var first = Log("info");
        var second = Log("info");

        Assert.That(_capture.WithMessage("logged info").Select(r => r.Properties["ActorAddress"]),
                    Is.EqualTo(new object[] { first, second }));
    }

    [Test]
    public void Logger_BelowMinimumLevel_IsNotPassedToTheLoggerFactory()
    {
        Start(minimumLevel: LogLevel.Warning);

        _ = Log("info");
        _ = Log("warning");

        Assert.Multiple(() =>
        {
            Assert.That(_capture.WithMessage("logged info"), Is.Empty, "Information is below the minimum level Warning");
            Assert.That(_capture.WithMessage("logged warning"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Logger_DefaultMinimumLevel_DebugIsNotPassedToTheLoggerFactory()
    {
        Start();

        _ = Log("debug");

        Assert.That(_capture.WithMessage("logged debug"), Is.Empty, "Debug is below the default minimum level Information");
    }

    [Test]
    public void Logger_LogDefsDisabled_ActorCanStillLog()
    {
        _system = new ActorSystem(SystemBaseNames.Simple, logDefs: LogDefs.Disabled, transientUnique: true);

        var actor = Log("warning");

        Assert.That(_system.Ask(actor, "info", TimeSpan.FromSeconds(10)), Is.EqualTo(actor));
    }
}
