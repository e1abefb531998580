using Microsoft.Extensions.Logging;

#pragma warning disable CA1873 // Test actors log a handful of records; argument cost is irrelevant.

namespace Thespian.Tests.Behaviour;

/// <summary>
/// What is particular to simpleSystemBase (DESIGN.md "The simple base"): synchronous delivery, messages by
/// reference, wakeups only during calls, no capability checks. Observed partly through in-process objects,
/// which is valid here only.
/// </summary>
[NonParallelizable]
public sealed class SimpleBaseSemanticsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(200);

    private CapturingLoggerFactory _capture = null!;
    private ActorSystem _system = null!;

    /// <summary>A mutable message: the kind Python's guide §4.1.1 and §5.2 warn about.</summary>
    public sealed class Note
    {
        public string Text { get; set; } = "";
    }

    private sealed class Silent : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
        }
    }

    /// <summary>Appends to the note, then throws.</summary>
    private sealed class Scribbler : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is Note note)
            {
                note.Text += "touched;";
                throw new InvalidOperationException("scribbled and failed");
            }
        }
    }

    [RequireCapability("No system has this")]
    private sealed class Demanding : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender) => Send(sender, "created anyway");
    }

    private sealed class Refusing : Actor, ICapabilityCheck
    {
        public static bool ActorSystemCapabilityCheck(IReadOnlyDictionary<string, object?> capabilities, object? requirements) =>
            false;

        public override void ReceiveMessage(object message, ActorAddress sender) => Send(sender, "created anyway");
    }

    /// <summary>Logs what happens to it: "woke", "exiting", "got TEXT"; "arm" schedules a short wakeup.</summary>
    private sealed class Diarist : Actor
    {
        private ActorAddress? _requester;

        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            switch (message)
            {
                case "arm":
                    _requester = sender;
                    WakeupAfter(TimeSpan.FromMilliseconds(10));
                    Send(sender, "armed");
                    break;
                case "child":
                    Send(sender, CreateActor<Diarist>());
                    break;
                case WakeupMessage:
                    Logger.LogInformation("woke");
                    if (_requester is not null)
                    {
                        Send(_requester, "woke");
                    }

                    break;
                case ActorExitRequest:
                    Logger.LogInformation("exiting {Address}", MyAddress);
                    break;
                case ActorAddress next:
                    Send(next, "relayed");
                    break;
                case string text:
                    Logger.LogInformation("got {Text}", text);
                    break;
            }
        }
    }

    [Troupe(MaxCount = 5, IdleCount = 1)]
    private sealed class Worker : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is string)
            {
                Send(sender, MyAddress);
            }
        }
    }

    private sealed class Watcher : Actor
    {
        public override void ReceiveMessage(object message, ActorAddress sender)
        {
            if (message is "watch")
            {
                Watch(new ThespianWatch([0]));
            }
        }
    }

    [SetUp]
    public void StartSystem()
    {
        _capture = new CapturingLoggerFactory();
        _system = new ActorSystem(SystemBaseNames.Simple, logDefs: new LogDefs { LoggerFactory = _capture },
                                  transientUnique: true);
    }

    [TearDown]
    public void StopSystem()
    {
        _system.Shutdown();
        _system.Dispose();
        _capture.Dispose();
    }

    [Test]
    public void Ask_Message_IsPassedByReference()
    {
        var echo = _system.CreateActor<EchoActor>();
        var note = new Note { Text = "original" };

        Assert.That(_system.Ask(echo, note, Patience), Is.SameAs(note));
    }

    [Test]
    public void PoisonMessage_MessageModifiedBeforeFailing_ModificationsAreVisible()
    {
        var scribbler = _system.CreateActor<Scribbler>();
        var note = new Note { Text = "clean;" };

        var poison = _system.Ask(scribbler, note, Patience) as PoisonMessage;

        Assert.That(poison, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(poison!.Message, Is.SameAs(note));
            Assert.That(((Note)poison.Message).Text, Is.EqualTo("clean;touched;touched;"));
        });
    }

    [Test]
    public void CreateActor_UnmetRequireCapability_IsCreatedAnyway()
    {
        var demanding = _system.CreateActor<Demanding>();

        Assert.That(_system.Ask(demanding, "hello", Patience), Is.EqualTo("created anyway"));
    }

    [Test]
    public void CreateActor_CapabilityCheckReturningFalse_IsCreatedAnyway()
    {
        var refusing = _system.CreateActor<Refusing>();

        Assert.That(_system.Ask(refusing, "hello", Patience), Is.EqualTo("created anyway"));
    }

    [Test]
    public void Ask_NoTimeoutAndNothingCanArrive_ReturnsNull()
    {
        var silent = _system.CreateActor<Silent>();

        Assert.That(_system.Ask(silent, "anyone?"), Is.Null);
    }

    [Test]
    public void Listen_NoTimeoutAndNothingCanArrive_ReturnsNull()
    {
        Assert.That(_system.Listen(), Is.Null);
    }

    [Test]
    public void Tell_ReturnsOnlyAfterEverythingItCausedHasRun()
    {
        var first = _system.CreateActor<Diarist>();
        var second = _system.CreateActor<Diarist>();

        _system.Tell(first, second);

        Assert.That(_capture.WithMessage("got relayed"), Has.Count.EqualTo(1));
    }

    [Test]
    public void WakeupAfter_DueWhileNoCallIsMade_IsDeliveredOnlyDuringALaterCall()
    {
        var diarist = _system.CreateActor<Diarist>();
        Assert.That(_system.Ask(diarist, "arm", Patience), Is.EqualTo("armed"));

        // Let the wakeup come due while the application makes no call: nothing runs in the background.
        Thread.Sleep(TimeSpan.FromMilliseconds(50));
        var beforeLaterCall = _capture.WithMessage("woke").Count;

        Assert.Multiple(() =>
        {
            Assert.That(beforeLaterCall, Is.Zero, "not delivered in the background");
            Assert.That(_system.Listen(Brief), Is.EqualTo("woke"), "delivered during the later Listen");
        });
    }

    [Test]
    public void Shutdown_DeliversActorExitRequestToEveryActor()
    {
        var first = _system.CreateActor<Diarist>();
        var second = _system.CreateActor<Diarist>();
        var child = (ActorAddress)_system.Ask(first, "child", Patience)!;

        _system.Shutdown();

        var exited = _capture.WithMessage("exiting").Select(r => r.Properties["Address"]);
        Assert.That(exited, Is.EquivalentTo(new object[] { first, second, child }));
    }

    [Test]
    public void Troupe_SequentialMessagesWithoutWorkInProgress_OneWorkerHandlesThemAll()
    {
        var troupe = _system.CreateActor<Worker>();

        var workers = Enumerable.Range(0, 5).Select(i => _system.Ask(troupe, $"job {i}", Patience)).ToList();

        Assert.That(workers.Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Tell_ToAnAddressOfAnotherSystem_ThrowsInvalidActorAddressException()
    {
        using var other = new ActorSystem(SystemBaseNames.Simple, logDefs: LogDefs.Disabled, transientUnique: true);
        var foreign = other.CreateActor<EchoActor>();

        Assert.That(() => _system.Tell(foreign, "hello"), Throws.InstanceOf<InvalidActorAddressException>());
    }

    [Test]
    public void Capabilities_WatchSupported_IsFalse()
    {
        Assert.That(_system.Capabilities[CommonCapabilities.WatchSupported], Is.EqualTo(false));
    }

    [Test]
    public void Watch_NotSupported_PoisonDetailsSaySo()
    {
        var watcher = _system.CreateActor<Watcher>();

        var poison = _system.Ask(watcher, "watch", Patience) as PoisonMessage;

        Assert.That(poison?.Details, Does.Contain(nameof(NotSupportedException)));
    }
}
