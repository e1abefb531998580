namespace Thespian.Tests.Infrastructure;

/// <summary>
/// The base class of behavioural fixtures: each test gets a fresh, transient system of the fixture's
/// base, shut down after the test. Scenarios are written once and run on every base in <see cref="TestBases.All"/>.
/// </summary>
public abstract class BaseFixture
{
    /// <summary>A generous wait for answers that must arrive (never a measure of speed).</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A short wait for answers that must not arrive.</summary>
    protected static readonly TimeSpan Brief = TimeSpan.FromMilliseconds(200);

    protected BaseFixture(string systemBase)
    {
        SystemBase = systemBase;
    }

    /// <summary>The base this fixture instance runs on.</summary>
    protected string SystemBase { get; }

    /// <summary>The system under test (fresh for each test).</summary>
    protected ActorSystem System { get; private set; } = null!;

    private readonly List<(ActorSystem System, IReadOnlyList<int> Processes)> _started = [];

    [SetUp]
    public void StartSystem()
    {
        System = StartSystem(capabilities: null);
    }

    [TearDown]
    public void StopSystem()
    {
        // The console names a failed test by its method only: say which base it ran on, and where its systems logged.
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine($"base: {SystemBase}; {MultiprocSupport.Describe(_started.Select(s => s.System))}");
        }

        var processes = new List<int>();
        foreach (var (system, known) in _started)
        {
            processes.AddRange(known);
            processes.AddRange(MultiprocSupport.ProcessesOf(system));
            system.Shutdown();
            system.Dispose();
        }

        _started.Clear();
        System.Dispose();
        MultiprocSupport.AssertAllExited(processes);
    }

    /// <summary>
    /// Starts another transient system of this fixture's base, on a free admin port for multiproc bases.
    /// Teardown shuts it down (if the test has not) and checks that every process it started is gone.
    /// </summary>
    protected ActorSystem StartSystem(IDictionary<string, object?>? capabilities, LogDefs? logDefs = null)
    {
        var system = new ActorSystem(SystemBase, MultiprocSupport.WithFreeAdminPort(SystemBase, capabilities),
                                     logDefs ?? MultiprocSupport.TestLogDefs(SystemBase), transientUnique: true);
        _started.Add((system, MultiprocSupport.ProcessesOf(system)));
        return system;
    }

    /// <summary>Whether this fixture runs on a base with one OS process per actor.</summary>
    protected bool IsMultiproc => SystemBase != SystemBaseNames.Simple;

    /// <summary>Asks <paramref name="target"/> and asserts that the answer is a <typeparamref name="T"/>.</summary>
    protected T AskFor<T>(ActorAddress target, object message, ActorSystem? endpoint = null)
    {
        var answer = (endpoint ?? System).Ask(target, message, Patience);
        Assert.That(answer, Is.InstanceOf<T>(), $"the answer to {message}");
        return (T)answer!;
    }

    /// <summary>Listens and asserts that the next message is a <typeparamref name="T"/>.</summary>
    protected T ListenFor<T>(ActorSystem? endpoint = null)
    {
        var message = (endpoint ?? System).Listen(Patience);
        Assert.That(message, Is.InstanceOf<T>(), "the next message to the endpoint");
        return (T)message!;
    }

    /// <summary>Collects the next <paramref name="count"/> messages to the endpoint (each must arrive within <see cref="Patience"/>).</summary>
    protected List<object> Collect(int count, ActorSystem? endpoint = null)
    {
        var messages = new List<object>();
        while (messages.Count < count)
        {
            var message = (endpoint ?? System).Listen(Patience);
            if (message is null)
            {
                Assert.Fail($"Expected {count} messages, got {messages.Count}: [{string.Join(", ", messages)}]");
            }

            messages.Add(message!);
        }

        return messages;
    }

    /// <summary>Asserts that nothing more reaches the endpoint within <see cref="Brief"/>.</summary>
    protected void AssertNothingArrives(ActorSystem? endpoint = null) =>
        Assert.That((endpoint ?? System).Listen(Brief), Is.Null, "no further message to the endpoint");

    /// <summary>Waits (polling, up to <see cref="Patience"/>) until <paramref name="condition"/> holds; fails otherwise.</summary>
    /// <summary>Creates an actor registered for dead letters that reports each as a <c>DeadLetterSeen</c> to this endpoint.</summary>
    protected ActorAddress RegisteredWatcher()
    {
        var watcher = System.CreateActor<Behaviour.DeadLetterWatcher>();
        Assert.That(System.Ask(watcher, "register", Patience), Is.EqualTo("registered"));
        return watcher;
    }

    /// <summary>
    /// Waits until the system reports <paramref name="count"/> actors: exits travel between processes on
    /// multiproc bases, so "stopped" is observed, not assumed (on the simple base it holds at once).
    /// </summary>
    protected void WaitForActorCount(int count) => Eventually(
        () => System.Ask(System.SystemAddress, new ThespianStatusRequest(), Patience) is ThespianSystemStatus { ActorCount: var n } && n == count,
        $"the system reports {count} actors");

    protected static void Eventually(Func<bool> condition, string what) =>
        Assert.That(SpinWait.SpinUntil(condition, Patience), Is.True, $"within {Patience.TotalSeconds} s: {what}");
}
